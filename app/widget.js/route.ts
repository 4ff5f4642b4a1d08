// GET /widget.js: the loader a site includes with one script tag. Before it draws anything it asks
// Hearth whether this page's origin may show the assistant's widget (GET /embed/{id}/status; the
// browser's Origin header says which site it is): refused, disabled or unknown, it draws nothing and
// writes one warning in the browser's console for the site's developer, saying why and what to do.
// Allowed, it adds the launcher button with the widget's saved look and labels in its language and,
// on first open, an iframe of Hearth's /embed/{assistant} page; everything else (the chat, the
// origin check again) happens in that iframe and on the server. It reads nothing from the host page.
// It keeps one thing in the site's own storage: the token of the visitor's conversation, which the
// iframe sends it, for browsers that refuse the iframe storage of its own (third-party storage); it
// hands it back in the iframe's URL fragment.
export const dynamic = "force-static";

const LOADER = String.raw`(function () {
  var script = document.currentScript;
  if (!script || !script.getAttribute("data-assistant")) return;
  var assistant = script.getAttribute("data-assistant");
  var base = new URL(script.src).origin;
  var key = "hearth-widget:" + assistant;
  function warn(text) {
    if (window.console) console.warn("Hearth widget: " + text);
  }
  function kept() {
    try { return localStorage.getItem(key); } catch (error) { return null; }
  }
  function draw(widget) {
    var side = widget.position === "bottom-left" ? "left" : "right";
    var color = /^#[0-9a-fA-F]{6}$/.test(widget.primary_color) ? widget.primary_color : "#b45309";
    var labels = widget.labels;
    var frame = null;
    var open = false;
    var button = document.createElement("button");
    button.type = "button";
    button.setAttribute("aria-label", labels.open);
    button.setAttribute("aria-expanded", "false");
    button.setAttribute("data-hearth-widget", "launcher");
    button.innerHTML = '<svg aria-hidden="true" width="26" height="26" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"><path d="M21 15a2 2 0 0 1-2 2H7l-4 4V5a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2z"/></svg>';
    button.style.cssText = "position:fixed;bottom:20px;" + side + ":20px;z-index:2147483646;width:56px;height:56px;border-radius:50%;border:0;cursor:pointer;color:#fff;display:flex;align-items:center;justify-content:center;box-shadow:0 4px 14px rgba(0,0,0,.25);background:" + color;
    function toggle(show) {
      open = show;
      if (show && !frame) {
        frame = document.createElement("iframe");
        var resume = kept();
        frame.src = base + "/embed/" + encodeURIComponent(assistant) + (resume ? "#resume=" + encodeURIComponent(resume) : "");
        frame.title = labels.frame;
        frame.setAttribute("data-hearth-widget", "frame");
        frame.style.cssText = "position:fixed;bottom:88px;" + side + ":20px;z-index:2147483647;width:min(380px,calc(100vw - 40px));height:min(600px,calc(100vh - 120px));border:0;border-radius:12px;box-shadow:0 8px 30px rgba(0,0,0,.3);background:#fff";
        document.body.appendChild(frame);
      }
      if (frame) frame.style.display = show ? "block" : "none";
      button.setAttribute("aria-expanded", String(show));
      button.setAttribute("aria-label", show ? labels.close : labels.open);
    }
    button.addEventListener("click", function () { toggle(!open); });
    window.addEventListener("message", function (event) {
      if (event.origin !== base || !frame || event.source !== frame.contentWindow || !event.data) return;
      if (event.data.type === "hearth-widget:close") toggle(false);
      if (event.data.type === "hearth-widget:session" && typeof event.data.token === "string" && event.data.token.length < 4096) {
        try { localStorage.setItem(key, event.data.token); } catch (error) { /* storage refused: the conversation ends with the page */ }
      }
    });
    function mount() { document.body.appendChild(button); }
    if (document.body) mount(); else document.addEventListener("DOMContentLoaded", mount);
  }
  fetch(base + "/embed/" + encodeURIComponent(assistant) + "/status", { credentials: "omit", cache: "no-store" })
    .then(function (response) {
      return response.json().then(function (body) { return { ok: response.ok, body: body || {} }; });
    })
    .then(function (answer) {
      var body = answer.body;
      if (!answer.ok) return warn(((body.error && body.error.message) || "the check failed") + "; nothing is shown. Check data-assistant in the snippet.");
      if (body.status !== "allowed" || !body.widget) return warn(body.message || "this page may not show the chat.");
      draw(body.widget);
    })
    .catch(function () {
      warn("could not ask " + base + " whether this site may show the chat; nothing is shown.");
    });
})();
`;

export function GET() {
  return new Response(LOADER, {
    headers: {
      "content-type": "text/javascript; charset=utf-8",
      "cache-control": "public, max-age=300",
      "access-control-allow-origin": "*",
    },
  });
}
