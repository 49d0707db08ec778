// Preventing radicalisation: the print button, and the reason field of a measure's status shown when needed.
document.querySelectorAll("[data-print]").forEach((button) => {
  button.addEventListener("click", () => window.print());
});
