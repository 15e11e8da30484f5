// Shows a radio's conditional question only while that radio is chosen (the GOV.UK radios pattern).
// GOV.UK Frontend's own version also marks the radio aria-expanded, which ARIA does not allow on a
// radio (axe-core: aria-allowed-attr), so this one links them with aria-controls alone. Without
// JavaScript the question is always shown, as the stylesheet hides it only where this runs.
for (const radio of document.querySelectorAll('input[type="radio"][data-app-reveals]')) {
  const target = document.getElementById(radio.dataset.appReveals)
  if (!target) continue
  radio.setAttribute('aria-controls', target.id)
  const sync = () => target.classList.toggle('govuk-radios__conditional--hidden', !radio.checked)
  for (const other of document.querySelectorAll(`input[type="radio"][name="${CSS.escape(radio.name)}"]`)) {
    other.addEventListener('change', sync)
  }
  sync()
}
