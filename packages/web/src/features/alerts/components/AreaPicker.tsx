// Subscribers pick neighbourhoods by the names people use ("Phillips West"), from the network's
// gazetteer: type, pick from the suggestions, and the chosen ones show as removable chips.
import { useId, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AreaT } from '../api.ts';

type Props = {
  areas: AreaT[];
  chosen: string[];
  onChange: (ids: string[]) => void;
  error?: string;
};

const fold = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/** A neighbourhood picker with a datalist (works with a keyboard, a screen reader and an old phone). */
export function AreaPicker({ areas, chosen, onChange, error }: Props) {
  const { t } = useTranslation('alerts');
  const id = useId();
  const [typed, setTyped] = useState('');
  const [notFound, setNotFound] = useState(false);
  const byId = new Map(areas.map((a) => [a.id, a]));

  const add = () => {
    const want = fold(typed);
    if (!want) return;
    const match = areas.find((a) => fold(a.name) === want) ?? areas.filter((a) => fold(a.name).startsWith(want))[0];
    if (!match) {
      setNotFound(true);
      return;
    }
    setNotFound(false);
    setTyped('');
    if (!chosen.includes(match.id)) onChange([...chosen, match.id]);
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      add();
    }
  };
  const message = notFound ? t('areaNotFound', { name: typed }) : error;

  return (
    <div className="area-picker">
      <div className="field">
        <label htmlFor={id}>{t('areaField')}</label>
        <p className="hint" id={`${id}-hint`}>
          {t('areaHint')}
        </p>
        <div className="inline">
          <input
            id={id}
            list={`${id}-list`}
            autoComplete="off"
            value={typed}
            aria-describedby={`${id}-hint${message ? ` ${id}-err` : ''}`}
            aria-invalid={message ? true : undefined}
            onChange={(e) => {
              setTyped(e.target.value);
              setNotFound(false);
            }}
            onKeyDown={onKey}
          />
          <button type="button" className="secondary" onClick={add}>
            {t('areaAdd')}
          </button>
        </div>
        <datalist id={`${id}-list`}>
          {areas.map((a) => (
            <option key={a.id} value={a.name} />
          ))}
        </datalist>
        {message && (
          <p className="field-error" id={`${id}-err`}>
            {message}
          </p>
        )}
      </div>
      {chosen.length > 0 && (
        <ul className="chips" aria-label={t('areasChosen')}>
          {chosen.map((areaId) => (
            <li key={areaId}>
              <span>{byId.get(areaId)?.name ?? areaId}</span>
              <button
                type="button"
                className="link"
                aria-label={t('areaRemove', { name: byId.get(areaId)?.name ?? '' })}
                onClick={() => onChange(chosen.filter((x) => x !== areaId))}
              >
                ✕
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
