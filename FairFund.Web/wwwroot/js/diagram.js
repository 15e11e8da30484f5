// Draws the Mermaid state diagrams; without JavaScript they stay readable as text.
globalThis.mermaid.initialize({ startOnLoad: true, securityLevel: 'strict' })
