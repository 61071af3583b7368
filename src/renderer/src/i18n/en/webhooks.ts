/** The webhooks area's words. */
export default {} as const;
