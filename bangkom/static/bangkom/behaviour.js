// Small behaviours that a strict Content-Security-Policy does not allow as inline handlers:
// a confirmation before a destructive submit (data-confirm on the form or its button) and a
// select that submits its form when changed (data-autosubmit), and a print button (data-print).
document.addEventListener("submit", (event) => {
  const source = event.submitter && event.submitter.dataset.confirm ? event.submitter : event.target;
  const message = source.dataset ? source.dataset.confirm : undefined;
  if (message && !window.confirm(message)) {
    event.preventDefault();
  }
});

document.addEventListener("change", (event) => {
  const field = event.target;
  if (field.matches && field.matches("[data-autosubmit]") && field.form) {
    field.form.requestSubmit();
  }
});

// A button that prints the page (data-print), such as the printable SKM service-code sheet.
document.addEventListener("click", (event) => {
  const button = event.target.closest && event.target.closest("[data-print]");
  if (button) {
    window.print();
  }
});
