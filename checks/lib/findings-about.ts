// The findings a check writes about one subject: each carries the subject, its evidence, and the message data that
// every finding about it shares, so that a judgement reads as status, message, its own data and the fix.
import type { CheckStatus, Evidence, FindingInput, MessageData, Subject } from '../api.js';

export type FindingMaker<M extends string> = (status: CheckStatus, messageId: M, data?: MessageData, remediationId?: M) => FindingInput<M>;

export function findingsAbout<M extends string>(subject: Subject, shared: MessageData, evidence: Evidence): FindingMaker<M> {
  return (status, messageId, data = {}, remediationId) => ({
    subject,
    status,
    messageId,
    data: { ...shared, ...data },
    evidence,
    ...(remediationId ? { remediationId } : {}),
  });
}
