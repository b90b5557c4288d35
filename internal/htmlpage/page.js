// Legend toggles: a key hides or shows the parts of its chart with its
// data-series (a line, or the nodes of one scope).
document.querySelectorAll("button.key[data-toggle]").forEach(function (key) {
  key.addEventListener("click", function () {
    var on = key.getAttribute("aria-pressed") !== "false";
    key.setAttribute("aria-pressed", on ? "false" : "true");
    key.closest("figure").querySelectorAll('[data-series="' + key.dataset.toggle + '"]').forEach(function (part) {
      part.classList.toggle("off", on);
    });
  });
});
