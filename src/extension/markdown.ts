// Text from configs and the inventory shown in Markdown (hovers, tooltips): escaped so it renders as plain text.
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}
