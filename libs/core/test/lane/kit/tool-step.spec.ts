import { renderCommand } from '../../../src/lane/kit';

describe('lane kit: renderCommand', () => {
  it('leaves plain arguments bare and single-quotes the rest', () => {
    expect(renderCommand(['eas', 'build', '--platform', 'ios', '-PversionCode=1040001', './a/b:c@d'])).toBe(
      'eas build --platform ios -PversionCode=1040001 ./a/b:c@d',
    );
    expect(renderCommand(['echo', 'two words', "it's", ''])).toBe(`echo 'two words' 'it'\\''s' ''`);
  });
});
