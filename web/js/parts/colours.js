// The colour picker: the palette as a radio group of swatches with their
// names (never colour alone), used at setup, join and in Settings.
import { COLOURS } from '../session.js';
import { t } from '../strings.js';
import { el } from '../ui.js';

/*
 * selected: the colour checked at first; taken: the partner's colour (not
 * offered: partners' colours differ), takenBy their name. labelledBy: the
 * id of a heading that already names the group (Settings' "Your colour"):
 * the group takes its name from it and shows no legend of its own; hint
 * replaces the usual hint.
 */
export function colourPicker({ id, selected, taken = null, takenBy = '', labelledBy = null, hint = t.colours.hint }) {
  const legendId = `${id}-legend`;
  const options = COLOURS.map((c) => {
    const input = el('input', { type: 'radio', name: id, value: c, checked: c === selected, disabled: c === taken });
    return el('label', { class: 'colour-option' },
      input,
      el('span', { class: `swatch swatch--${c}`, 'aria-hidden': 'true' }),
      el('span', {}, c === taken ? t.colours.taken(t.colours.names[c], takenBy) : t.colours.names[c]));
  });
  const wrap = el('fieldset', { class: 'colours', 'aria-describedby': `${id}-hint`, 'aria-labelledby': labelledBy },
    labelledBy ? null : el('legend', { id: legendId }, t.colours.legend),
    el('p', { class: 'hint', id: `${id}-hint` }, hint),
    el('div', { class: 'colour-options' }, options));
  return {
    wrap,
    value: () => {
      const on = wrap.querySelector('input:checked');
      return on ? on.value : null;
    },
  };
}
