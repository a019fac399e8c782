import { useEffect, useId, useRef, useState, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from './api.ts';
import { messageInLanguage, type ShownMessage } from './message-language.ts';

/** The page heading; focused on arrival so screen readers announce the new screen. */
export function PageTitle({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <h1 ref={ref} tabIndex={-1}>
      {children}
    </h1>
  );
}

type FieldProps = InputHTMLAttributes<HTMLInputElement> & { label: string; hint?: string; error?: string };

/** A labelled input with an optional hint and an error tied by aria-describedby. */
export function Field({ label, hint, error, id, ...input }: FieldProps) {
  const auto = useId();
  const fid = id ?? auto;
  const hintId = hint ? `${fid}-hint` : undefined;
  const errId = error ? `${fid}-err` : undefined;
  const describedBy = [hintId, errId].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={fid}>{label}</label>
      {hint && (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      )}
      <input id={fid} aria-describedby={describedBy} aria-invalid={error ? true : undefined} {...input} />
      {error && (
        <p className="field-error" id={errId}>
          {error}
        </p>
      )}
    </div>
  );
}

type SelectFieldProps = SelectHTMLAttributes<HTMLSelectElement> & {
  label: string;
  options: { value: string; label: string }[];
};

/** A labelled select. */
export function SelectField({ label, options, id, ...select }: SelectFieldProps) {
  const auto = useId();
  const fid = id ?? auto;
  return (
    <div className="field">
      <label htmlFor={fid}>{label}</label>
      <select id={fid} {...select}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A group of checkboxes with a legend. */
export function CheckboxGroup({
  legend,
  options,
  value,
  onChange,
  describedBy,
}: {
  legend: string;
  options: { value: string; label: string }[];
  value: string[];
  onChange: (next: string[]) => void;
  describedBy?: string;
}) {
  return (
    <fieldset className="checks" aria-describedby={describedBy}>
      <legend>{legend}</legend>
      {options.map((o) => (
        <label key={o.value} className="check">
          <input
            type="checkbox"
            checked={value.includes(o.value)}
            onChange={(e) => onChange(e.target.checked ? [...value, o.value] : value.filter((v) => v !== o.value))}
          />
          <span>{o.label}</span>
        </label>
      ))}
    </fieldset>
  );
}

/** A polite live region announcing what just happened. Always rendered so announcements are read. */
export function Status({ message }: { message?: string | null }) {
  const { i18n } = useTranslation();
  const last = useRef<ShownMessage | null>(null);
  // A message kept from before a language switch is in the old language: not shown.
  const shown = messageInLanguage(last.current, message, i18n.language);
  last.current = shown.last;
  return (
    <p role="status" className={shown.text ? 'status ok' : 'status'}>
      {shown.text}
    </p>
  );
}

/** An error box (role=alert) with a message in the reader's language. */
export function ErrorNote({ error, id }: { error: unknown; id?: string }) {
  if (!error) return null;
  return (
    <p role="alert" className="status err" id={id}>
      {errorMessage(error)}
    </p>
  );
}

/** Loading text for a query. */
export function Loading() {
  const { t } = useTranslation('common');
  return <p className="muted">{t('loading')}</p>;
}

/** A button that asks "are you sure?" inline before acting (no browser dialogs). */
export function ConfirmButton({
  label,
  question,
  confirmLabel,
  onConfirm,
  disabled,
}: {
  label: string;
  question: string;
  confirmLabel: string;
  onConfirm: () => void;
  disabled?: boolean;
}) {
  const { t } = useTranslation('common');
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <button type="button" className="secondary" onClick={() => setAsking(true)} disabled={disabled}>
        {label}
      </button>
    );
  }
  return (
    <span className="confirm" role="group" aria-label={question}>
      <span>{question}</span>
      <button
        type="button"
        className="danger"
        autoFocus
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
      >
        {confirmLabel}
      </button>
      <button type="button" className="secondary" onClick={() => setAsking(false)}>
        {t('cancel')}
      </button>
    </span>
  );
}
