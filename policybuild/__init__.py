"""Build orchestration: runs MkDocs once per site and publishes the result atomically."""
