/** The tunnel area's words. */
export default {} as const;
