import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../../kit/ui.tsx';
import { CELL_PATTERN, currentCell } from '../api.ts';

/** What the responder's availability is set to: a coarse cell when available, never a point. */
export type AvailabilityBody = { available: boolean; cell?: string };

type Props = {
  available: boolean;
  /** A change is on its way. */
  pending: boolean;
  /** The device would not say where it is: offer to type an area code instead. */
  refused: boolean;
  onRefused: () => void;
  onSet: (body: AvailabilityBody) => void;
  /** Going available has started (the previous confirmation no longer holds). */
  onStart: () => void;
};

/** The big availability toggle; the device's position becomes a coarse cell here and goes no further. */
export function AvailabilityToggle({ available, pending, refused, onRefused, onSet, onStart }: Props) {
  const { t } = useTranslation('responder');
  const [locating, setLocating] = useState(false);
  const [manual, setManual] = useState('');
  const [manualError, setManualError] = useState<string | undefined>();

  const goAvailable = async () => {
    onStart();
    setLocating(true);
    try {
      const cell = await currentCell(8);
      onSet({ available: true, cell });
    } catch {
      onRefused();
    } finally {
      setLocating(false);
    }
  };
  const goManual = () => {
    const cell = manual.trim().toLowerCase();
    if (!CELL_PATTERN.test(cell)) {
      setManualError(t('manualCellInvalid'));
      return;
    }
    setManualError(undefined);
    onSet({ available: true, cell });
  };

  return (
    <>
      <h2>{available ? t('available') : t('unavailable')}</h2>
      <p className="hint">{t('availableHint')}</p>
      {available ? (
        <button
          type="button"
          className="secondary big-toggle"
          aria-pressed="true"
          disabled={pending}
          onClick={() => onSet({ available: false })}
        >
          {t('goUnavailable')}
        </button>
      ) : (
        <button
          type="button"
          className="primary big-toggle"
          aria-pressed="false"
          disabled={locating || pending}
          onClick={() => void goAvailable()}
        >
          {locating ? t('locating') : t('goAvailable')}
        </button>
      )}
      {refused && !available && (
        <div className="card action">
          <p>{t('locationRefused')}</p>
          <Field
            label={t('manualCell')}
            hint={t('manualCellHint')}
            error={manualError}
            dir="ltr"
            autoComplete="off"
            value={manual}
            onChange={(e) => setManual(e.target.value)}
          />
          <button type="button" className="primary" onClick={goManual} disabled={pending}>
            {t('useManual')}
          </button>
        </div>
      )}
    </>
  );
}
