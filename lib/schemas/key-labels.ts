import { z } from "zod";
import { ZAliasName, ZDescription, ZTag } from "./keys.ts";

// Requests of the key detail page's label editors (Tags, Aliases, Description). The forms validate
// with the same schemas the routes parse, so the browser and the server say the same thing.

/** TagResource: add tags or replace their values (one tag at a time from the console). */
export const ZTagKeyRequest = z.object({
  tags: z
    .array(ZTag)
    .min(1, "Enter a tag.")
    .max(50, "A key has at most 50 tags.")
    .refine((tags) => new Set(tags.map((t) => t.tagKey)).size === tags.length, "Each tag key can be used once."),
});
export type TagKeyRequest = z.infer<typeof ZTagKeyRequest>;

/** UntagResource: the tag keys to remove. */
export const ZUntagKeyRequest = z.object({
  tagKeys: z
    .array(z.string().min(1, "Enter a tag key.").max(128, "Tag keys have at most 128 characters."))
    .min(1, "Choose a tag to remove.")
    .max(50),
});
export type UntagKeyRequest = z.infer<typeof ZUntagKeyRequest>;

/** CreateAlias: the name as typed, with or without alias/ (it is added); 256 characters in all. */
export const ZCreateAliasRequest = z.object({ aliasName: ZAliasName });
export type CreateAliasRequest = z.input<typeof ZCreateAliasRequest>;

/** DeleteAlias: the full alias name (alias/…). */
export const ZDeleteAliasRequest = z.object({
  aliasName: z
    .string()
    .max(256, "Aliases have at most 256 characters.")
    .regex(/^alias\/[a-zA-Z0-9:/_-]+$/, "Not an alias name (alias/…)."),
});
export type DeleteAliasRequest = z.infer<typeof ZDeleteAliasRequest>;

/** UpdateKeyDescription: 0–8192 characters (empty clears it). */
export const ZUpdateKeyDescriptionRequest = z.object({ description: ZDescription });
export type UpdateKeyDescriptionRequest = z.infer<typeof ZUpdateKeyDescriptionRequest>;
