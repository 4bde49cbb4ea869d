/**
 * A stand-in for the CSS Custom Highlight API's `Highlight` (happy-dom has none). It refuses ranges given
 * to the constructor: they must be added one by one, as spreading a page's ranges as call arguments
 * overflows the stack when there are enough of them.
 */
export class FakeHighlight {
  readonly ranges: AbstractRange[] = [];
  constructor(...initial: AbstractRange[]) {
    if (initial.length) throw new Error('ranges were spread into new Highlight(); add them in a loop');
  }
  add(range: AbstractRange): this {
    this.ranges.push(range);
    return this;
  }
}
