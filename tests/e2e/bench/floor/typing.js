// Every input writes the typed figure into the hook and the text beside it: the least a page
// can do per keystroke.
const field = document.getElementById('field');
const score = document.getElementById('score');
field.addEventListener('input', () => {
  score.dataset.value = field.value;
  score.textContent = field.value;
});
