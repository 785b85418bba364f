import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { IgnoreMatcher, IgnorePatternError, cleanPath, parseIgnoreFile } from '../../../src/build/ignore-rules';

// [pattern, path, excluded]: the single-pattern cases of moby/patternmatcher's TestMatches,
// read with MatchesOrParentMatches (a match on a parent directory counts).
const SINGLE: [string, string, boolean][] = [
  ['**', 'file', true],
  ['**', 'file/', true],
  ['**/', 'file', true],
  ['**/', 'file/', true],
  ['**', '/', true],
  ['**/', '/', true],
  ['**', 'dir/file', true],
  ['**/', 'dir/file', true],
  ['**/**', 'dir/file', true],
  ['dir/**', 'dir/file', true],
  ['dir/**', 'dir/dir2/file', true],
  ['**/dir', 'dir', true],
  ['**/dir', 'dir/file', true],
  ['**/dir2/*', 'dir/dir2/file', true],
  ['**/dir2/*', 'dir/dir2/file/', true],
  ['**/dir2/**', 'dir/dir2/dir3/file', true],
  ['**file', 'file', true],
  ['**file', 'dir/file', true],
  ['**/file', 'dir/file', true],
  ['**file', 'dir/dir/file', true],
  ['**/file', 'dir/dir/file', true],
  ['**/file*', 'dir/dir/file', true],
  ['**/file*', 'dir/dir/file.txt', true],
  ['**/file*txt', 'dir/dir/file.txt', true],
  ['**/file*.txt', 'dir/dir/file.txt', true],
  ['**/file*.txt*', 'dir/dir/file.txt', true],
  ['**/**/*.txt', 'dir/dir/file.txt', true],
  ['**/**/*.txt2', 'dir/dir/file.txt', false],
  ['**/*.txt', 'file.txt', true],
  ['**/**/*.txt', 'file.txt', true],
  ['a**/*.txt', 'a/file.txt', true],
  ['a**/*.txt', 'a/dir/file.txt', true],
  ['a**/*.txt', 'a/dir/dir/file.txt', true],
  ['a/*.txt', 'a/dir/file.txt', false],
  ['a/*.txt', 'a/file.txt', true],
  ['a/*.txt**', 'a/file.txt', true],
  ['a[b-d]e', 'ae', false],
  ['a[b-d]e', 'ace', true],
  ['a[b-d]e', 'aae', false],
  ['a[^b-d]e', 'aze', true],
  ['.*', '.foo', true],
  ['.*', 'foo', false],
  ['abc.def', 'abcdef', false],
  ['abc.def', 'abc.def', true],
  ['abc.def', 'abcZdef', false],
  ['abc?def', 'abcZdef', true],
  ['abc?def', 'abcdef', false],
  ['**/foo/bar', 'foo/bar', true],
  ['**/foo/bar', 'dir/foo/bar', true],
  ['**/foo/bar', 'dir/dir2/foo/bar', true],
  ['abc/**', 'abc', false],
  ['abc/**', 'abc/def', true],
  ['abc/**', 'abc/def/ghi', true],
  ['**/.foo', '.foo', true],
  ['**/.foo', 'bar.foo', false],
  ['a(b)c/def', 'a(b)c/def', true],
  ['a(b)c/def', 'a(b)c/xyz', false],
  ['a.|)$(}+{bc', 'a.|)$(}+{bc', true],
  ['dist/*.whl', 'dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl', true],
  ['a\\\\', 'a\\', true],
  ['a\\*b', 'a*b', true],
  // Go's filepath.Match cases, as patternmatcher's TestMatch runs them.
  ['abc', 'abc', true],
  ['*', 'abc', true],
  ['*c', 'abc', true],
  ['a*', 'a', true],
  ['a*', 'abc', true],
  ['a*', 'ab/c', true],
  ['a*/b', 'abc/b', true],
  ['a*/b', 'a/c/b', false],
  ['a*b*c*d*e*/f', 'axbxcxdxe/f', true],
  ['a*b*c*d*e*/f', 'axbxcxdxexxx/f', true],
  ['a*b*c*d*e*/f', 'axbxcxdxe/xxx/f', false],
  ['a*b*c*d*e*/f', 'axbxcxdxexxx/fff', false],
  ['a*b?c*x', 'abxbbxdbxebxczzx', true],
  ['a*b?c*x', 'abxbbxdbxebxczzy', false],
  ['ab[c]', 'abc', true],
  ['ab[b-d]', 'abc', true],
  ['ab[e-g]', 'abc', false],
  ['ab[^c]', 'abc', false],
  ['ab[^b-d]', 'abc', false],
  ['ab[^e-g]', 'abc', true],
  ['a\\*b', 'ab', false],
  ['a?b', 'a☺b', true],
  ['a[^a]b', 'a☺b', true],
  ['a???b', 'a☺b', false],
  ['a[^a][^a][^a]b', 'a☺b', false],
  ['[a-ζ]*', 'α', true],
  ['*[a-ζ]', 'A', false],
  ['a?b', 'a/b', false],
  ['a*b', 'a/b', false],
  ['[\\]a]', ']', true],
  ['[\\-]', '-', true],
  ['[x\\-]', 'x', true],
  ['[x\\-]', '-', true],
  ['[x\\-]', 'z', false],
  ['[\\-x]', 'x', true],
  ['[\\-x]', '-', true],
  ['[\\-x]', 'a', false],
  ['*x', 'xxx', true],
  // Patterns are cleaned like filepath.Clean, and a directory pattern covers its contents.
  ['docs/', 'docs/README.md', true],
  ['./docs//api/../', 'docs/README.md', true],
  ['docs', 'other/docs/README.md', false],
];

const BAD = ['[]a]', '[-]', '[x-]', '[-x]', '\\', '[a-b-c]', '[', '[^', '[^bc', 'a[', '!'];

// [patterns, path, excluded]: multi-pattern cases from patternmatcher and the examples in
// Docker's .dockerignore documentation.
const MULTI: [string[], string, boolean][] = [
  [['**', '!util/docker/web'], 'util/docker/web/foo', false],
  [['**', '!util/docker/web', 'util/docker/web/foo'], 'util/docker/web/foo', true],
  [['**', '!dist/*.whl'], 'dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl', false],
  [['!fileutils.go', '*.go'], 'fileutils.go', true],
  [['*.go', '!fileutils.go'], 'fileutils.go', false],
  [['docs', '!docs/README.md'], 'docs/README.md', false],
  [['docs/', '!docs/README.md'], 'docs/README.md', false],
  [['docs/*', '!docs/README.md'], 'docs/README.md', false],
  [['docs', '!docs/README.md'], 'docs/other.md', true],
  [['*/temp*'], 'somedir/temporary.txt', true],
  [['*/temp*'], 'somedir/temp', true],
  [['*/temp*'], 'temporary.txt', false],
  [['*/*/temp*'], 'somedir/subdir/temporary.txt', true],
  [['*/*/temp*'], 'somedir/temporary.txt', false],
  [['temp?'], 'tempa', true],
  [['temp?'], 'tempab', false],
  [['temp?'], 'dir/tempa', false],
  [['**/*.go'], 'a/b/c.go', true],
  [['*.md', '!README.md'], 'CHANGES.md', true],
  [['*.md', '!README.md'], 'README.md', false],
  [['*.md', '!README*.md', 'README-secret.md'], 'README-secret.md', true],
  [['*.md', '!README*.md', 'README-secret.md'], 'README-extra.md', false],
  [['*.md', 'README-secret.md', '!README*.md'], 'README-secret.md', false],
  [['*.md', 'README-secret.md', '!README*.md'], 'notes.md', true],
];

describe('IgnoreMatcher (Docker semantics)', () => {
  for (const [pattern, path, excluded] of SINGLE) {
    it(`${JSON.stringify(pattern)} ${excluded ? 'excludes' : 'keeps'} ${JSON.stringify(path)}`, () => {
      assert.equal(new IgnoreMatcher([pattern]).excludes(path), excluded);
    });
  }
  for (const [patterns, path, excluded] of MULTI) {
    it(`${JSON.stringify(patterns)} ${excluded ? 'excludes' : 'keeps'} ${JSON.stringify(path)}`, () => {
      assert.equal(new IgnoreMatcher(patterns).excludes(path), excluded);
    });
  }
  for (const pattern of BAD) {
    it(`rejects the malformed pattern ${JSON.stringify(pattern)}`, () => {
      assert.throws(() => new IgnoreMatcher([pattern]), IgnorePatternError);
    });
  }

  it('never excludes the context root itself', () => {
    assert.equal(new IgnoreMatcher(['*', '**']).excludes('.'), false);
  });

  it('lets a later "!" pattern bring back a path that starts out excluded', () => {
    const matcher = new IgnoreMatcher(['*.log', '!.env', '!secrets']);
    assert.equal(matcher.verdict('.env', true), 'included');
    assert.equal(matcher.verdict('secrets/key.pem', true), 'included');
    assert.equal(matcher.verdict('other.pem', true), 'excluded');
    assert.equal(matcher.verdict('other.pem'), 'included');
    assert.equal(matcher.hasExceptions, true);
    assert.equal(new IgnoreMatcher(['*.log']).hasExceptions, false);
  });
});

describe('parseIgnoreFile (ignorefile.ReadAll)', () => {
  it('drops comments and blanks, trims, cleans and makes absolute patterns relative', () => {
    const text = '\uFEFFtest1\n/test2\n/a/file/here\n\nlastfile\n# this is a comment\n! /inverted/abs/path\n!\n! \r\n  spaced/ \n';
    assert.deepEqual(parseIgnoreFile(text), [
      'test1', 'test2', 'a/file/here', 'lastfile', '!inverted/abs/path', '!', '!', 'spaced',
    ]);
  });

  it('treats only a leading # as a comment', () => {
    assert.deepEqual(parseIgnoreFile(' #notacomment\nfile#1'), ['#notacomment', 'file#1']);
  });
});

describe('cleanPath (Go filepath.Clean)', () => {
  const cases: [string, string][] = [
    ['', '.'], ['.', '.'], ['a/b/', 'a/b'], ['a//b', 'a/b'], ['./a', 'a'], ['a/../..', '..'],
    ['/..', '/'], ['/a/./b/../c', '/a/c'], ['../a/../../b', '../../b'],
  ];
  for (const [input, want] of cases) {
    it(`${JSON.stringify(input)} → ${JSON.stringify(want)}`, () => assert.equal(cleanPath(input), want));
  }
});
