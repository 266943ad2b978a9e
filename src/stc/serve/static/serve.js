// stc serve: small progressive enhancements. Every page works without this script.
// No request leaves this computer: the script talks to nobody, it only reads and fills forms.
(function () {
  "use strict";

  // What-if and the other reading forms: the result updates when a setting changes.
  document.querySelectorAll("form[data-autosubmit]").forEach(function (form) {
    var timer = null;
    form.addEventListener("change", function (event) {
      var country = form.querySelector("[name=country]");
      if (country && !country.value) { return; }
      if (event.target && event.target.name === "profile" && event.target.value === "person") {
        var person = form.querySelector(".stc-person");
        if (person) { person.open = true; }
        return;
      }
      if (event.target && event.target.closest(".stc-person")) { return; }
      window.clearTimeout(timer);
      timer = window.setTimeout(function () { form.submit(); }, 250);
    });
  });

  // Drafts of the evidence forms, kept in this browser until they are saved.
  var PREFIX = "stc-draft:";
  function fields(form) {
    return Array.prototype.filter.call(form.elements, function (el) {
      return el.name && el.type !== "hidden" && el.type !== "submit" && el.type !== "button";
    });
  }
  function snapshot(form) {
    var data = {};
    fields(form).forEach(function (el) {
      if (el.type === "checkbox") { data[el.name + "=" + el.value] = el.checked ? el.value : ""; }
      else { data[el.name] = el.value; }
    });
    return data;
  }
  function fill(form, data) {
    fields(form).forEach(function (el) {
      if (el.type === "checkbox") {
        var named = el.name + "=" + el.value;
        if (named in data) { el.checked = !!data[named]; }
        return;
      }
      if (!(el.name in data)) { return; }
      else {
        if (el.tagName === "SELECT" && !Array.prototype.some.call(el.options, function (o) { return o.value === data[el.name]; })) {
          var option = document.createElement("option");
          option.value = option.textContent = data[el.name];
          el.appendChild(option);
        }
        el.value = data[el.name];
      }
    });
  }
  document.querySelectorAll("form[data-draft-key]").forEach(function (form) {
    var key = PREFIX + form.getAttribute("data-draft-key");
    var stored = null;
    try { stored = JSON.parse(window.localStorage.getItem(key) || "null"); } catch (e) { stored = null; }
    var banner = document.querySelector(".stc-local-draft");
    if (stored && JSON.stringify(stored) !== JSON.stringify(snapshot(form)) && banner) {
      banner.hidden = false;
      banner.querySelector(".stc-restore").addEventListener("click", function () {
        fill(form, stored); banner.hidden = true;
      });
      banner.querySelector(".stc-discard").addEventListener("click", function () {
        window.localStorage.removeItem(key); banner.hidden = true;
      });
    }
    var save = function () {
      try { window.localStorage.setItem(key, JSON.stringify(snapshot(form))); } catch (e) { /* full or disabled */ }
    };
    form.addEventListener("input", save);
    form.addEventListener("change", save);
    form.addEventListener("submit", save);
  });
  document.querySelectorAll("[data-clear-draft]").forEach(function (el) {
    window.localStorage.removeItem(PREFIX + el.getAttribute("data-clear-draft"));
  });
})();
