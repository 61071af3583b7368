/** The projects area's words. */
export default {} as const;
