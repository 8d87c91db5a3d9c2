import { IsInt, IsOptional, IsString, Min } from 'class-validator';
import { Type } from 'class-transformer';
import { AppValidationPipe, isEmptyObject } from './app-validation.pipe.js';
import { validationException } from './error-filter.js';

describe('isEmptyObject', () => {
  const nullProto = Object.create(null) as object;
  const withSymbol = { [Symbol('s')]: 1 };
  const withHidden = Object.defineProperty({}, 'hidden', { value: 1, enumerable: false });
  it.each([
    ['{}', {}, true],
    ['null-prototype {} (a parsed query string)', nullProto, true],
    ['{ a: 1 }', { a: 1 }, false],
    ['{ a: undefined }', { a: undefined }, false],
    ['a symbol key', withSymbol, false],
    ['a non-enumerable key', withHidden, false],
    ['[]', [], false],
    ['null', null, false],
    ['undefined', undefined, false],
    ['a string', '', false],
    ['a number', 0, false],
  ])('%s → %s', (_name, value, expected) => {
    expect(isEmptyObject(value)).toBe(expected);
  });
});

class OptionalQuery {
  @IsOptional() @IsString() cursor?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) limit?: number;
}

class RequiredQuery {
  @IsString() q: string;
}

describe('AppValidationPipe', () => {
  const pipe = () =>
    new AppValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      exceptionFactory: validationException,
    });
  const query = (metatype: new () => object) => ({ type: 'query' as const, metatype, data: undefined });

  it('gives the DTO with no field set for an empty query, and stops validating it once that is known to pass', async () => {
    class CountingPipe extends AppValidationPipe {
      validations = 0;
      protected override validate(...args: Parameters<AppValidationPipe['validate']>) {
        this.validations++;
        return super.validate(...args);
      }
    }
    const p = new CountingPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      exceptionFactory: validationException,
    });
    for (let i = 0; i < 3; i++) {
      const dto = await p.transform(Object.create(null), query(OptionalQuery));
      expect(dto).toBeInstanceOf(OptionalQuery);
      expect(Object.keys(dto as object)).toEqual([]);
    }
    expect(p.validations).toBe(1);
  });

  it.each([
    ['a field is set', { limit: '5' }, { limit: 5 }],
    ['an unknown field', { nope: '1' }, 'VALIDATION_FAILED'],
    ['a bad value', { limit: '0' }, 'VALIDATION_FAILED'],
  ])('still validates and transforms when %s', async (_name, value, expected) => {
    const p = pipe();
    await p.transform({}, query(OptionalQuery)); // learnt: empty passes
    const run = p.transform(value, query(OptionalQuery));
    if (typeof expected === 'string') await expect(run).rejects.toMatchObject({ response: { code: expected } });
    else await expect(run).resolves.toEqual(Object.assign(new OptionalQuery(), expected));
  });

  it('refuses an empty query every time when the DTO requires a field', async () => {
    const p = pipe();
    for (let i = 0; i < 2; i++) {
      await expect(p.transform({}, query(RequiredQuery))).rejects.toMatchObject({
        response: { code: 'VALIDATION_FAILED', fields: ['q'] },
      });
    }
  });

  it('leaves bodies to the full pipe: an empty body is still checked', async () => {
    const p = pipe();
    await expect(p.transform({}, { type: 'body', metatype: RequiredQuery, data: undefined })).rejects.toMatchObject({
      response: { code: 'VALIDATION_FAILED' },
    });
  });
});
