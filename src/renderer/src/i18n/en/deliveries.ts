/** The deliveries area's words. */
export default {} as const;
