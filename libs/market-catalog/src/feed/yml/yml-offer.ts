import type { CatalogItemInput } from '../../domain/catalog-item-input';
import { FeedFormatError, FeedLocation, RecordLocation } from '../feed-format-error';
import { readBoolean, readCount, readDecimalText } from '../feed-values';
import { nonEmpty, withDefined } from '../with-defined';

/** A child element of an `<offer>` with all its text (CDATA and nested markup included), once closed. */
export interface YmlField {
  name: string;
  attributes: Record<string, string>;
  text: string;
  line: number;
}

const SINGLE_VALUED = new Set([
  'name',
  'model',
  'typePrefix',
  'vendor',
  'url',
  'price',
  'oldprice',
  'currencyId',
  'description',
  'count',
]);

/** One `<offer>` being read: collects its fields, then maps them to a product, or a SKU (plus its product). */
export class YmlOffer {
  readonly id: string;
  readonly groupId: string | undefined;
  private readonly available: boolean;
  private readonly values = new Map<string, string>();
  private readonly categories: string[] = [];
  private readonly pictures: string[] = [];
  private readonly params = new Map<string, string>();
  private barcode: string | undefined;
  private count: number | undefined;

  constructor(
    readonly at: RecordLocation,
    attributes: Record<string, string>,
  ) {
    const id = attributes['id'];
    if (id === undefined || id === '') {
      throw FeedFormatError.at(at, 'offer', 'the offer has no id attribute');
    }
    this.id = id;
    this.groupId = attributes['group_id'] || undefined;
    const available = attributes['available'];
    this.available = available === undefined ? true : readBoolean(available, 'available', at);
  }

  add(field: YmlField): void {
    const at = { ...this.at, line: field.line };
    const text = field.text.trim();
    if (field.name === 'param') {
      this.addParam(field, text, at);
    } else if (text !== '') {
      this.addValue(field.name, text, at);
    }
  }

  /** The SKU of a group comes after its product, which only the first offer of the group yields. */
  toItems(seenGroups: Set<string>): CatalogItemInput[] {
    const item = this.toItem();
    if (this.groupId === undefined) {
      return [item];
    }
    const sku: CatalogItemInput = { ...item, product_external_id: this.groupId };
    if (seenGroups.has(this.groupId)) {
      return [sku];
    }
    seenGroups.add(this.groupId);
    const product = withDefined<CatalogItemInput>(
      { external_id: this.groupId, name: item.name },
      { categories: item.categories && [...item.categories], manufacturer_name: item.manufacturer_name },
    );
    return [product, sku];
  }

  private toItem(): CatalogItemInput {
    return withDefined<CatalogItemInput>(
      { external_id: this.id, name: this.name(), is_available: this.available },
      {
        price: this.values.get('price'),
        old_price: this.values.get('oldprice'),
        currency: this.values.get('currencyId'),
        manufacturer_name: this.values.get('vendor'),
        description: this.values.get('description'),
        url: this.values.get('url'),
        barcode: this.barcode,
        count: this.count,
        categories: nonEmpty(this.categories),
        pictures: nonEmpty(this.pictures),
        custom_fields: this.params.size > 0 ? Object.fromEntries(this.params) : undefined,
      },
    );
  }

  /** `<name>`, or for a `vendor.model` offer without one, "typePrefix vendor model" as YML defines it. */
  private name(): string {
    const name = this.values.get('name');
    if (name !== undefined) {
      return name;
    }
    const model = this.values.get('model');
    if (model === undefined) {
      throw FeedFormatError.at(this.at, 'name', 'the offer has no <name> (nor <model>)');
    }
    return [this.values.get('typePrefix'), this.values.get('vendor'), model].filter(Boolean).join(' ');
  }

  private addValue(name: string, text: string, at: FeedLocation): void {
    if (name === 'categoryId') {
      this.categories.push(text);
    } else if (name === 'picture') {
      this.pictures.push(text);
    } else if (name === 'barcode') {
      // YML allows several barcodes; the catalog keeps one.
      this.barcode ??= text;
    } else if (SINGLE_VALUED.has(name)) {
      if (this.values.has(name)) {
        throw FeedFormatError.at(at, name, `<${name}> appears more than once`);
      }
      this.values.set(name, text);
      if (name === 'price' || name === 'oldprice') readDecimalText(text, name, at);
      if (name === 'count') this.count = readCount(text, name, at);
    }
  }

  private addParam(field: YmlField, text: string, at: FeedLocation): void {
    const name = field.attributes['name'];
    if (name === undefined || name === '') {
      throw FeedFormatError.at(at, 'param', '<param> has no name attribute');
    }
    if (this.params.has(name)) {
      throw FeedFormatError.at(at, 'param', `<param name=${JSON.stringify(name)}> appears more than once`);
    }
    if (text !== '') this.params.set(name, text);
  }
}
