/* Material's script after the content (partials/javascripts/content.html), from a file: the
 * site's Content-Security-Policy runs no inline script. A link to a content tab opens it. The
 * code is Material's, unchanged. */
var target=document.getElementById(location.hash.slice(1));target&&target.name&&(target.checked=target.name.startsWith("__tabbed_"))
