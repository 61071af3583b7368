/** The signatures area's words. */
export default {} as const;
