import { mediaKindOf, SHARE_TEXT_LIMITS } from '@mediashare/core/schemas';
import { useId } from 'react';

export interface ItemTexts {
  title: string;
  caption: string;
  altText: string;
}

export const NO_TEXTS: ItemTexts = { title: '', caption: '', altText: '' };

/** Only the texts given go into the request: a field left empty keeps what the item has. */
export const toTextInput = (texts: ItemTexts) =>
  Object.fromEntries(Object.entries(texts).filter(([, value]) => value.trim() !== '')) as Partial<ItemTexts>;

interface ItemTextFieldsProps {
  mimeType: string;
  texts: ItemTexts;
  onChange: (texts: ItemTexts) => void;
}

/** Title, caption and alt text for the community copy; alt text is asked for, never required. */
export const ItemTextFields = ({ mimeType, texts, onChange }: ItemTextFieldsProps) => {
  const id = useId();
  const isPicture = mediaKindOf(mimeType) !== 'video';
  const set = (field: keyof ItemTexts) => (event: { target: { value: string } }) =>
    onChange({ ...texts, [field]: event.target.value });
  const hasAlt = texts.altText.trim() !== '';
  return (
    <div className="item-texts">
      <div className="field">
        <label htmlFor={`${id}-title`}>Title (optional)</label>
        <input id={`${id}-title`} value={texts.title} maxLength={SHARE_TEXT_LIMITS.title} onChange={set('title')} />
      </div>
      {isPicture && (
        <div className="field">
          <label htmlFor={`${id}-alt`}>Alt text</label>
          <textarea
            id={`${id}-alt`}
            rows={2}
            value={texts.altText}
            maxLength={SHARE_TEXT_LIMITS.altText}
            aria-describedby={`${id}-alt-hint`}
            onChange={set('altText')}
          />
          <p id={`${id}-alt-hint`} className={`field__hint${hasAlt ? '' : ' field__hint--nudge'}`}>
            {hasAlt
              ? 'Screen readers read this instead of the picture.'
              : 'Add alt text: describe the picture for people who cannot see it. Screen readers read it instead.'}
          </p>
        </div>
      )}
      <div className="field">
        <label htmlFor={`${id}-caption`}>Caption (optional)</label>
        <textarea
          id={`${id}-caption`}
          rows={3}
          value={texts.caption}
          maxLength={SHARE_TEXT_LIMITS.caption}
          onChange={set('caption')}
        />
      </div>
    </div>
  );
};
