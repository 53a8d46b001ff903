// Supervisor grid: type 1–5 in a cell and the cursor moves on to the next cell (row by row);
// arrow up/down move within a column; other characters are ignored. Rows saved by HTMX are
// replaced by the server's answer; a refused row shows the page's message for that status.
(function () {
  "use strict";

  function cells() {
    return Array.prototype.slice.call(document.querySelectorAll("input.grid-cell:not([disabled])"));
  }

  function markDirty(input) {
    var row = input.closest("tr");
    if (row) row.classList.add("is-dirty");
  }

  function focusCell(cell) {
    if (cell) {
      cell.focus();
      cell.select();
    }
  }

  function sameColumn(input, step) {
    var row = input.closest("tr");
    var competency = input.getAttribute("data-competency");
    while (row) {
      row = step > 0 ? row.nextElementSibling : row.previousElementSibling;
      if (!row) return null;
      var cell = row.querySelector('input.grid-cell[data-competency="' + competency + '"]:not([disabled])');
      if (cell) return cell;
    }
    return null;
  }

  document.addEventListener("keydown", function (event) {
    var input = event.target;
    if (!(input instanceof HTMLInputElement) || !input.classList.contains("grid-cell")) return;
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (/^[1-5]$/.test(event.key)) {
      event.preventDefault();
      input.value = event.key;
      markDirty(input);
      var all = cells();
      focusCell(all[all.indexOf(input) + 1]);
    } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      focusCell(sameColumn(input, event.key === "ArrowDown" ? 1 : -1));
    } else if (event.key === "Backspace" || event.key === "Delete") {
      markDirty(input);
    } else if (event.key.length === 1) {
      event.preventDefault(); // only 1–5 are levels
    }
  });

  document.addEventListener("input", function (event) {
    var input = event.target;
    if (input instanceof HTMLInputElement && input.classList.contains("grid-cell")) {
      // phones type through the on-screen keyboard: keep only a level 1–5
      input.value = input.value.replace(/[^1-5]/g, "").slice(-1);
      markDirty(input);
    }
  });

  function showError(code) {
    var status = document.getElementById("grid-status");
    if (!status) return;
    var message = status.getAttribute("data-error-" + code) || status.getAttribute("data-error");
    status.textContent = message;
    status.className = "msg msg-error";
  }

  document.addEventListener("htmx:responseError", function (event) {
    showError(event.detail.xhr ? event.detail.xhr.status : 0);
  });

  // Without htmx (its script failed to load), a row is saved with fetch the same way:
  // the row's fields are posted and the row is replaced by the server's answer.
  document.addEventListener("click", function (event) {
    var button = event.target instanceof Element ? event.target.closest("button[data-row-save]") : null;
    if (!button || window.htmx) return;
    event.preventDefault();
    var row = button.closest("tr");
    var form = button.closest("form");
    var token = form ? form.querySelector("input[name=csrfmiddlewaretoken]") : null;
    var data = new FormData();
    row.querySelectorAll("input[name]").forEach(function (input) {
      data.append(input.name, input.value);
    });
    fetch(button.getAttribute("data-row-save"), {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "X-CSRFToken": token ? token.value : "", "HX-Request": "true" },
    })
      .then(function (response) {
        if (!response.ok) {
          showError(response.status);
          return null;
        }
        return response.text();
      })
      .then(function (html) {
        if (!html) return;
        var holder = document.createElement("tbody");
        holder.innerHTML = html.trim();
        if (holder.firstElementChild) row.replaceWith(holder.firstElementChild);
      })
      .catch(function () {
        showError(0);
      });
  });
})();
