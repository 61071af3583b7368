/** Words every area uses: actions, states, and the frame around the studio's own error messages. */
export default {
  action: {
    cancel: 'Cancel',
    close: 'Close',
    copy: 'Copy',
    copied: '✓ Copied',
    copyValue: 'Copy {{value}}',
    /** Where a title names the verb (a regular expression): taken out when the title follows the label. */
    copyTitleVerb: '^copy\\s+',
    copyNamed: '{{label}}: {{what}}',
    save: 'Save',
    delete: 'Delete',
  },
  table: {
    actions: 'Actions',
  },
  state: {
    loading: 'Loading…',
    notConnected: 'not connected to the studio',
  },
  /**
   * The studio's own messages (its API, its store) stay in English, as in the CLI and the docs:
   * they name fields, values and limits. Each language frames them by the error's code.
   */
  error: {
    invalid_params: '{{detail}}',
    unknown_method: '{{detail}}',
    not_found: '{{detail}}',
    conflict: '{{detail}}',
    unavailable: '{{detail}}',
    disk_full: '{{detail}}',
    internal: '{{detail}}',
  },
} as const;
