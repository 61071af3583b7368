/** The requests area's words. */
export default {} as const;
