// Keeps a deadline's "time left" fresh while the page stays open. The server already wrote the same
// words, so without this script the page is right when loaded and only goes stale.
function count(number, unit) { return number === 1 ? '1 ' + unit : number + ' ' + unit + 's' }

function timeLeftInWords(milliseconds) {
  if (milliseconds <= 0) return 'no time'
  const minutes = Math.floor(milliseconds / 60000)
  const days = Math.floor(minutes / 1440), hours = Math.floor(minutes / 60) % 24, mins = minutes % 60
  if (days >= 2) return count(days, 'day')
  if (days >= 1) return count(days, 'day') + ' ' + count(hours, 'hour')
  if (minutes >= 60) return count(hours, 'hour') + ' ' + count(mins, 'minute')
  return minutes >= 1 ? count(mins, 'minute') : 'less than a minute'
}

for (const element of document.querySelectorAll('[data-closes-at]')) {
  const closesAt = Date.parse(element.dataset.closesAt)
  const update = () => {
    const left = closesAt - Date.now()
    element.textContent = left > 0 ? timeLeftInWords(left) : 'no time: the round has closed'
  }
  setInterval(update, 30000)
}
