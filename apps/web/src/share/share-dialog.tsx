import { isWatermarkedOnShare, needsCommunityDetails, type TMediaItem } from '@mediashare/core/schemas';
import { useEffect, useId, useRef, useState } from 'react';
import { absoluteUrl, copyText } from '../lib/clipboard';
import { errorMessage } from '../lib/errors';
import { useLimits } from '../lib/limits';
import { trpc } from '../trpc';
import type { CopyState } from '../ui/copy-field';
import { Modal, ModalHeader } from '../ui/modal';
import { useFocusLater } from '../ui/use-focus-later';
import { CommunityFields } from './community-fields';
import { LinkSettings } from './link-settings';
import { ItemTextFields, NO_TEXTS, toTextInput } from './item-texts';
import { ShareActions } from './share-actions';
import { ShareLinkField } from './share-link-field';
import { shareHints, toShareInput } from './share-form';
import '../styles/share.css';

interface ShareDialogProps {
  item: TMediaItem;
  onClose: () => void;
}

const TAGS_STALE_MS = 10 * 60 * 1000;

export const ShareDialog = ({ item, onClose }: ShareDialogProps) => {
  const titleId = useId();
  const hintId = useId();
  const utils = trpc.useUtils();
  // An item already shared opens as it is; a new share starts with the community on, as documented.
  const [shareToCommunity, setShareToCommunity] = useState(item.isShared ? item.shareToCommunity : true);
  const [tags, setTags] = useState<string[]>([]);
  const [policyAgreed, setPolicyAgreed] = useState(false);
  const [mature, setMature] = useState<boolean | undefined>(undefined);
  const [texts, setTexts] = useState(NO_TEXTS);
  const [shareUrl, setShareUrl] = useState(item.shareUrl);
  const [isInCommunity, setIsInCommunity] = useState(item.shareToCommunity);
  const [copyState, setCopyState] = useState<CopyState>('idle');
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  // After a change the result is where focus goes, so a screen reader hears it and a keyboard starts there.
  const [noticeRef, focusNotice] = useFocusLater<HTMLParagraphElement>();

  const draft = { source: item.source, shareToCommunity, tags, policyAgreed };
  const showsCommunityFields = needsCommunityDetails(draft);
  const limits = useLimits();
  const maxTags = limits.data?.maxTagsPerMedia;
  const hints = shareHints(draft, maxTags);
  const tagList = trpc.tags.list.useQuery(undefined, { enabled: showsCommunityFields, staleTime: TAGS_STALE_MS });
  const tagsError = tagList.error ?? limits.error;
  // The version the dialog asks agreement for; a newer one in force by the time it is sent is a 409.
  const policy = trpc.moderation.policy.useQuery(undefined, {
    enabled: shareToCommunity,
    staleTime: TAGS_STALE_MS,
    retry: false,
  });
  const moderationInput = shareToCommunity
    ? { ...(policy.data ? { policyVersion: policy.data.version } : {}), ...(mature === undefined ? {} : { mature }) }
    : {};

  // The item's sharing as it is: a shared item's dialog edits it rather than starting over.
  const state = trpc.share.state.useQuery({ id: item.id }, { enabled: Boolean(shareUrl) });
  const loaded = useRef(false);
  // Editing a community item: every text is sent as it stands, so emptying a field clears it.
  const [isEditing, setIsEditing] = useState(false);
  useEffect(() => {
    const { data } = state;
    if (!data || loaded.current) return;
    loaded.current = true;
    setShareToCommunity(data.shareToCommunity || !data.shareCode);
    setTags(data.tags);
    // In the Community already: the policy was agreed to when it was shared.
    setPolicyAgreed(data.shareToCommunity);
    if (!data.shareToCommunity) return;
    setIsEditing(true);
    setTexts({ title: data.title ?? '', caption: data.caption ?? '', altText: data.altText ?? '' });
    setMature(data.mature);
  }, [state.data]);

  const refresh = () =>
    Promise.all([
      utils.media.list.invalidate(),
      // The feed, profiles and My posts.
      utils.community.invalidate(),
      utils.share.state.invalidate({ id: item.id }),
    ]);
  const begin = () => {
    setError(null);
    setNotice(null);
  };
  const fail = (e: unknown) => setError(errorMessage(e));

  const share = trpc.share.create.useMutation({
    onSuccess: async (result, input) => {
      const url = absoluteUrl(result.shareUrl);
      setShareUrl(result.shareUrl);
      setIsInCommunity(input.shareToCommunity ?? true);
      setNotice(input.shareToCommunity === false ? 'Share link ready.' : 'Shared to the Community feed.');
      focusNotice();
      setCopyState((await copyText(url)) ? 'copied' : 'failed');
      void refresh();
    },
    onError: fail,
  });
  const stopCommunity = trpc.share.create.useMutation({
    onSuccess: () => {
      setIsInCommunity(false);
      setShareToCommunity(false);
      setNotice('Removed from the Community feed. The link still works.');
      focusNotice();
      void refresh();
    },
    onError: fail,
  });
  const deleteLink = trpc.share.delete.useMutation({
    onSuccess: () => {
      setShareUrl(null);
      setIsInCommunity(false);
      setCopyState('idle');
      setNotice('Link deleted. It no longer opens anything.');
      focusNotice();
      void refresh();
    },
    onError: fail,
  });
  const isBusy = share.isPending || stopCommunity.isPending || deleteLink.isPending;

  return (
    <Modal labelledBy={titleId} onClose={onClose} className="share-dialog">
      <ModalHeader id={titleId} title={<>Share “{item.fileName}”</>} onClose={onClose} />
      <form
        className="modal__body share-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (hints.length > 0 || isBusy) return;
          begin();
          share.mutate({
            id: item.id,
            ...toShareInput(draft),
            ...moderationInput,
            ...(shareToCommunity ? (isEditing ? texts : toTextInput(texts)) : {}),
          });
        }}
      >
        {shareUrl && <ShareLinkField url={absoluteUrl(shareUrl)} copyState={copyState} onCopyState={setCopyState} />}

        <label className="check check--prominent">
          <input type="checkbox" checked={shareToCommunity} onChange={(e) => setShareToCommunity(e.target.checked)} />
          <span>
            Share to Community Feed
            <small>
              {isWatermarkedOnShare(item)
                ? 'A watermarked copy appears in the public feed.'
                : 'A copy appears in the public feed.'}{' '}
              Without it, only people with the link can see this.
            </small>
          </span>
        </label>

        {showsCommunityFields && (
          <CommunityFields
            tags={tagList.data ?? []}
            isLoadingTags={tagList.isLoading}
            selected={tags}
            onTagsChange={setTags}
            maxTags={maxTags}
            policyAgreed={policyAgreed}
            onPolicyChange={setPolicyAgreed}
            policy={policy.data}
          />
        )}
        {shareToCommunity && <ItemTextFields mimeType={item.mimeType} texts={texts} onChange={setTexts} />}
        {shareToCommunity && (
          <label className="check">
            <input type="checkbox" checked={mature ?? false} onChange={(e) => setMature(e.target.checked)} />
            <span>
              Mature content
              <small>Blurred in the Community until a viewer chooses to see it.</small>
            </span>
          </label>
        )}
        {showsCommunityFields && tagsError && <p className="alert">Could not load the tags: {errorMessage(tagsError)}</p>}

        {error && (
          <p className="alert" role="alert">
            {error}
          </p>
        )}
        <p className="notice" role="status" ref={noticeRef} tabIndex={-1}>
          {notice}
        </p>

        <footer className="share-form__footer">
          {hints.length > 0 ? (
            <p id={hintId} className="hint">
              {hints.join(' ')}
            </p>
          ) : (
            <span />
          )}
          <button
            type="submit"
            className="button button--primary"
            disabled={isBusy || hints.length > 0}
            aria-describedby={hints.length > 0 ? hintId : undefined}
          >
            {share.isPending ? 'Sharing…' : shareUrl ? 'Update sharing' : 'Share'}
          </button>
        </footer>
      </form>
      {shareUrl && state.data?.link && (
        <div className="modal__section">
          <LinkSettings key={state.data.shareCode} itemId={item.id} link={state.data.link} views={state.data.views} />
        </div>
      )}
      {shareUrl && (
        <div className="modal__section">
          <ShareActions
            isInCommunity={isInCommunity}
            isBusy={isBusy}
            onStopCommunity={() => {
              begin();
              stopCommunity.mutate({ id: item.id, shareToCommunity: false });
            }}
            onDeleteLink={() => {
              begin();
              deleteLink.mutate({ id: item.id });
            }}
          />
        </div>
      )}
    </Modal>
  );
};
