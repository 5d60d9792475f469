import { describe, expect, it } from "vitest";
import { toAuditEvent, type AuditEventRow } from "./to-audit-event.ts";
import { toCloudTrailRecord } from "./to-cloudtrail-record.ts";

const row = (over: Partial<AuditEventRow>): AuditEventRow => ({
  id: "00000000-0000-4000-8000-000000000001",
  time: new Date("2026-12-05T17:00:00.123Z"),
  eventSource: "kms.amazonaws.com",
  eventName: "Encrypt",
  principalArn: "arn:aws:iam::111122223333:user/alice",
  accessKeyId: "AKIAAAAAAAAAAAAAAAAA",
  sourceIp: "10.0.0.1",
  userAgent: "aws-cli/2",
  requestParameters: '{"keyId":"1234abcd-12ab-34cd-56ef-1234567890ab","plaintext":"<redacted>"}',
  responseElements: null,
  errorCode: null,
  errorMessage: null,
  resources: '["arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab","cks-1234567890abcdef0"]',
  requestId: "req-1",
  ...over,
});

describe("audit rows as the console shows and exports them", () => {
  it("maps an Encrypt to a CloudTrail record with the user's identity and typed resources", () => {
    const record = toCloudTrailRecord(row({}), new Map([["alice", "user-id-1"]]));
    expect(record).toMatchObject({
      eventVersion: "1.08",
      eventTime: "2026-12-05T17:00:00Z",
      eventSource: "kms.amazonaws.com",
      eventName: "Encrypt",
      sourceIPAddress: "10.0.0.1",
      userIdentity: {
        type: "IAMUser",
        principalId: "user-id-1",
        arn: "arn:aws:iam::111122223333:user/alice",
        accessKeyId: "AKIAAAAAAAAAAAAAAAAA",
        userName: "alice",
      },
      requestParameters: { keyId: "1234abcd-12ab-34cd-56ef-1234567890ab", plaintext: "<redacted>" },
      responseElements: null,
      requestID: "req-1",
      eventID: "00000000-0000-4000-8000-000000000001",
      readOnly: true,
      eventType: "AwsApiCall",
      resources: [
        { type: "AWS::KMS::Key", ARN: "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab" },
        { type: "AWS::KMS::CustomKeyStore", ARN: "cks-1234567890abcdef0" },
      ],
    });
    expect(record).not.toHaveProperty("errorCode");
  });

  it("keeps errors, marks writes and sign-ins, and shows unauthenticated aggregates as such", () => {
    const failed = toCloudTrailRecord(row({ eventName: "CreateKey", errorCode: "AccessDeniedException", errorMessage: "no" }), new Map());
    expect(failed).toMatchObject({ readOnly: false, errorCode: "AccessDeniedException", errorMessage: "no" });
    expect(toCloudTrailRecord(row({ eventName: "ConsoleLogin", eventSource: "keyhold.console" }), new Map())).toMatchObject({
      eventType: "AwsConsoleSignIn",
    });

    const rejected = row({ eventName: "RejectedRequests", principalArn: null, requestParameters: '{"count":12}', resources: null });
    expect(toAuditEvent(rejected)).toMatchObject({ aggregated: true, system: false, userName: null, resources: [] });
    expect(toCloudTrailRecord(rejected, new Map())).toMatchObject({
      userIdentity: { type: "Unknown", accessKeyId: "AKIAAAAAAAAAAAAAAAAA" },
    });
    expect(toAuditEvent(row({ principalArn: "arn:aws:iam::111122223333:user/keyhold-status-poller" })).system).toBe(true);
  });
});
