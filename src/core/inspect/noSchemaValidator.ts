// Stands in for the SDK's Ajv-based JSON Schema validator in dist/mcp-sdk.js (scripts/build.mjs swaps it in): the
// SDK uses it only to check the structured output of tool CALLS and elicitation answers, and an inspection never
// calls a tool nor offers elicitation. Dropping Ajv makes the SDK bundle about 130 KB smaller. Should anything ever
// ask it, it fails closed: nothing validates.
export class AjvJsonSchemaValidator {
  getValidator() {
    return () => ({ valid: false as const, data: undefined, errorMessage: 'JSON Schema validation is not available in MCP Gatekeeper inspections' });
  }
}
