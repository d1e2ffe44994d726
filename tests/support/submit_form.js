// Submit a real HTML form from the page it runs in: ([action, fields]) with fields a list of
// [name, value]. Shared by the browser tests (tests/browser/conftest.py) and the Lighthouse
// script (bench/lighthouse.mjs), which both reach POST-only pages as a visitor does.
([action, fields]) => {
  const form = document.createElement("form");
  form.method = "post";
  form.action = action;
  for (const [name, value] of fields) {
    const input = document.createElement("input");
    input.type = "hidden";
    input.name = name;
    input.value = value;
    form.append(input);
  }
  document.body.append(form);
  form.submit();
}
