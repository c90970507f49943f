import type { TTag } from '@mediashare/core/schemas';
import { TagPicker } from './tag-picker';

interface CommunityFieldsProps {
  tags: readonly TTag[];
  isLoadingTags: boolean;
  selected: readonly string[];
  onTagsChange: (slugs: string[]) => void;
  /** Undefined until the server's limit arrives; the picker waits for it. */
  maxTags: number | undefined;
  policyAgreed: boolean;
  onPolicyChange: (agreed: boolean) => void;
  /** The policy in force (GET /api/policy): its version is what the agreement is for. */
  policy?: { version: string; statement: string } | undefined;
}

/** What an upload needs before it can go to the community: tags, and the owner's agreement. */
export const CommunityFields = (props: CommunityFieldsProps) => (
  <div className="community-fields">
    <TagPicker
      legend="Tags (required)"
      tags={props.tags}
      selected={props.selected}
      onChange={props.onTagsChange}
      max={props.maxTags}
      isLoading={props.isLoadingTags}
    />
    <label className="check">
      <input type="checkbox" checked={props.policyAgreed} onChange={(e) => props.onPolicyChange(e.target.checked)} />
      <span>
        I agree to the community sharing policy{props.policy ? ` (version ${props.policy.version})` : ''}
        <small>
          {props.policy?.statement ??
            'I own this media or have the right to share it, and everyone shown in it agreed to its publication.'}
        </small>
      </span>
    </label>
  </div>
);
