import type { CategoryInput } from '../../domain/catalog-item-input';
import { FeedFormatError, FeedLocation } from '../feed-format-error';

/** `<category id="2" parentId="1">Name</category>` as a category. */
export function ymlCategory(attributes: Record<string, string>, text: string, at: FeedLocation): CategoryInput {
  const id = attributes['id'];
  if (id === undefined || id === '') {
    throw FeedFormatError.at(at, 'category', 'the category has no id attribute');
  }
  const name = text.trim();
  if (name === '') {
    throw FeedFormatError.at(at, 'category', `category ${JSON.stringify(id)} has no name`);
  }
  const parent = attributes['parentId'];
  return parent === undefined || parent === ''
    ? { external_id: id, name }
    : { external_id: id, name, parent_external_id: parent };
}
