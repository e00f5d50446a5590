import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, validateSync, ValidationError } from 'class-validator';
import { DomainError, FieldIssue } from '@loyalty/kernel';
import { InvalidJsonBody } from './json-body';

/**
 * Fields every method accepts and ignores (`token` authenticates; `format` is an Altcraft leftover)
 * unless the method declares them itself (`feed_import` has a real `format`).
 */
const IGNORED_TOP_LEVEL_FIELDS = ['token', 'format'];

/**
 * Validates request bodies against their DTO class: unknown fields are rejected, and every problem
 * is reported with its JSON path (`data.lines[0].count`).
 */
@Injectable()
export class ApiValidationPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type !== 'body' || !metadata.metatype || metadata.metatype === Object) return value;
    if (value instanceof InvalidJsonBody) {
      const path = value.path ?? '';
      throw new DomainError('VALIDATION_FAILED', value.message, { fields: [{ path, message: value.message }] });
    }
    const body = value ?? {};
    if (typeof body !== 'object' || Array.isArray(body)) {
      throw new DomainError('VALIDATION_FAILED', 'The body must be a JSON object', {
        fields: [{ path: '', message: 'must be a JSON object' }],
      });
    }
    const reserved = reservedKeys(body, '');
    if (reserved.length > 0) {
      throw new DomainError('VALIDATION_FAILED', `${reserved[0].path}: unknown field`, { fields: reserved });
    }
    const ignored = IGNORED_TOP_LEVEL_FIELDS.filter((key) => !declaredFields(metadata.metatype as object).has(key));
    const fields = Object.fromEntries(Object.entries(body).filter(([key]) => !ignored.includes(key)));
    const dto = plainToInstance(metadata.metatype, fields) as object;
    const errors = validateSync(dto, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true });
    if (errors.length > 0) {
      const issues = flattenValidationErrors(errors);
      throw new DomainError('VALIDATION_FAILED', `${issues[0].path}: ${issues[0].message}`, { fields: issues });
    }
    return dto;
  }
}

const declared = new WeakMap<object, Set<string>>();

function declaredFields(metatype: object): Set<string> {
  let names = declared.get(metatype);
  if (!names) {
    const rules = getMetadataStorage().getTargetValidationMetadatas(metatype as new () => object, '', true, false);
    names = new Set(rules.map((rule) => rule.propertyName));
    declared.set(metatype, names);
  }
  return names;
}

/** Keys that class-transformer drops silently (so they would slip past the unknown-field check). */
const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function reservedKeys(value: unknown, parent: string): FieldIssue[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => reservedKeys(item, `${parent}[${index}]`));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, item]) => {
    const path = parent === '' ? key : `${parent}.${key}`;
    return RESERVED_KEYS.has(key) ? [{ path, message: 'unknown field' }] : reservedKeys(item, path);
  });
}

export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldIssue[] {
  return errors.flatMap((error) => {
    const path = /^\d+$/.test(error.property)
      ? `${parent}[${error.property}]`
      : parent === ''
        ? error.property
        : `${parent}.${error.property}`;
    const own = Object.entries(error.constraints ?? {}).map(([rule, message]) => ({
      path,
      message: rule === 'whitelistValidation' ? 'unknown field' : message,
    }));
    return [...own, ...flattenValidationErrors(error.children ?? [], path)];
  });
}
