// Turns a pip requirements file into PEP 508 dependency strings for package metadata. What pip
// accepts there but metadata cannot carry (options, includes, bare paths and URLs) is reported.

export interface SkippedRequirement {
  line: number;
  text: string;
  reason: string;
}

export interface ParsedRequirements {
  requirements: string[];
  skipped: SkippedRequirement[];
}

const NAME = /^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?/;
const EXTRAS = /^\s*\[[A-Za-z0-9._,\s-]*\]/;
const REST = /^\s*(?:$|[<>=!~(;]|@\s*\S)/;

export function parseRequirementsTxt(text: string): ParsedRequirements {
  const requirements: string[] = [];
  const skipped: SkippedRequirement[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const first = i + 1;
    let line = lines[i];
    while (line.endsWith('\\') && i + 1 < lines.length) line = line.slice(0, -1) + lines[++i];
    line = line.replace(/(^|\s)#.*$/, '').trim();
    if (line === '') continue;
    if (line.startsWith('-')) {
      skipped.push({ line: first, text: line, reason: 'a pip option, which package metadata cannot carry' });
      continue;
    }
    // Per-requirement pip options such as --hash come after the requirement itself.
    const requirement = line.split(/\s+--?[A-Za-z]/)[0].trim();
    const name = NAME.exec(requirement);
    const afterName = name ? requirement.slice(name[0].length) : '';
    const afterExtras = afterName.replace(EXTRAS, '');
    if (!name || !REST.test(afterExtras) || /^[./\\]|:\/\//.test(requirement.split('@')[0])) {
      skipped.push({ line: first, text: line, reason: 'not a "name[extras] version; marker" requirement (paths and bare URLs need "name @ URL")' });
      continue;
    }
    requirements.push(requirement);
  }
  return { requirements, skipped };
}
