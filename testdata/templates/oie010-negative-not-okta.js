// A help-center script that has nothing to do with Okta: its own
// .js-help-link and #help-links-container are not the widget's.
export function initHelp(root) {
  const links = root.querySelectorAll('#help-links-container .js-help-link');
  links.forEach((a) => a.addEventListener('click', track));
  document.getElementsByClassName('js-help-links')[0].hidden = false;
}
