import { SaxesParser, SaxesTagPlain } from 'saxes';
import type { FeedRecord } from '../feed-record';
import { FeedFormatError, RecordLocation } from '../feed-format-error';
import { ymlCategory } from './yml-category';
import { YmlField, YmlOffer } from './yml-offer';

const OFFER_PATH = ['yml_catalog', 'shop', 'offers', 'offer'];
const CATEGORY_PATH = ['yml_catalog', 'shop', 'categories', 'category'];

interface CategoryDraft {
  at: RecordLocation;
  attributes: Record<string, string>;
  text: string;
}

/**
 * Turns the saxes events of one YML document into feed records. Text is written in with `write`;
 * the records it completed are taken with `takeRecords`, so only the current offer is held.
 * Everything outside `shop/categories` and `shop/offers` (currencies, promos, ...) is skipped.
 */
export class YmlDocument {
  private readonly parser = new SaxesParser<{ xmlns: false; position: true }>({ xmlns: false, position: true });
  private readonly path: string[] = [];
  private readonly records: FeedRecord[] = [];
  private readonly seenGroups = new Set<string>();
  private offerCount = 0;
  private categoryCount = 0;
  private tagLine = 1;
  private offer: YmlOffer | undefined;
  private field: YmlField | undefined;
  private category: CategoryDraft | undefined;

  constructor() {
    this.parser.on('opentagstart', () => {
      this.tagLine = this.parser.line;
    });
    this.parser.on('opentag', (tag) => this.open(tag));
    this.parser.on('closetag', () => this.close());
    this.parser.on('text', (text) => this.appendText(text));
    this.parser.on('cdata', (text) => this.appendText(text));
    this.parser.on('error', (error) => {
      throw this.failure(`malformed XML: ${error.message.replace(/^(?:[^:]*:)?\d+:\d+: /, '')}`);
    });
  }

  write(text: string): void {
    this.parser.write(text);
  }

  end(): void {
    this.parser.close();
  }

  /** The records completed since the last call. */
  takeRecords(): FeedRecord[] {
    return this.records.splice(0);
  }

  /** A format error at the current place: inside the open offer or category, or at the current line. */
  failure(problem: string): FeedFormatError {
    const line = this.parser.line;
    const element = this.path.at(-1) ?? null;
    const open = this.offer?.at ?? this.category?.at;
    return FeedFormatError.at(open ? { ...open, line } : { subject: null, position: null, line }, element, problem);
  }

  private open(tag: SaxesTagPlain): void {
    this.path.push(tag.name);
    const depth = this.path.length;
    if (depth === 1 && tag.name !== OFFER_PATH[0]) {
      throw this.failure(`the root element is <${tag.name}>, not <yml_catalog>`);
    }
    if (this.offer) {
      if (depth === OFFER_PATH.length + 1) {
        this.field = { name: tag.name, attributes: tag.attributes, text: '', line: this.tagLine };
      }
    } else if (this.category === undefined && depth === OFFER_PATH.length) {
      this.openRecord(tag);
    }
  }

  private openRecord(tag: SaxesTagPlain): void {
    if (isAt(this.path, OFFER_PATH)) {
      this.offerCount += 1;
      const at: RecordLocation = { subject: 'offer', position: this.offerCount, line: this.tagLine };
      this.offer = new YmlOffer(at, tag.attributes);
    } else if (isAt(this.path, CATEGORY_PATH)) {
      this.categoryCount += 1;
      const at: RecordLocation = { subject: 'category', position: this.categoryCount, line: this.tagLine };
      this.category = { at, attributes: tag.attributes, text: '' };
    }
  }

  private close(): void {
    const depth = this.path.length;
    this.path.pop();
    if (this.offer) {
      if (depth === OFFER_PATH.length + 1 && this.field) {
        this.offer.add(this.field);
        this.field = undefined;
      } else if (depth === OFFER_PATH.length) {
        this.closeOffer(this.offer);
      }
    } else if (this.category && depth === CATEGORY_PATH.length) {
      const { at, attributes, text } = this.category;
      const category = ymlCategory(attributes, text, at);
      this.records.push({ kind: 'category', position: at.position, line: at.line, category });
      this.category = undefined;
    }
  }

  private closeOffer(offer: YmlOffer): void {
    const { position, line } = offer.at;
    for (const item of offer.toItems(this.seenGroups)) {
      this.records.push({ kind: 'item', position, line, item });
    }
    this.offer = undefined;
  }

  private appendText(text: string): void {
    if (this.field) {
      this.field.text += text;
    } else if (this.category) {
      this.category.text += text;
    }
  }
}

function isAt(path: string[], expected: string[]): boolean {
  return path.length === expected.length && path.every((name, index) => name === expected[index]);
}
