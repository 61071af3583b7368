/** The oneinbox area's words. */
export default {} as const;
