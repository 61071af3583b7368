/** The notifications area's words. */
export default {} as const;
