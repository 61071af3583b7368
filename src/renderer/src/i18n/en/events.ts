/** The events area's words. */
export default {} as const;
