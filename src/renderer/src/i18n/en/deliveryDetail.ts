/** The deliveryDetail area's words. */
export default {} as const;
