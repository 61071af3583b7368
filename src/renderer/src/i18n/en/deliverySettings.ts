/** The deliverySettings area's words. */
export default {} as const;
