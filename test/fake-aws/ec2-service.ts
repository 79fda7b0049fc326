import { randomUUID } from 'node:crypto';
import { Ec2Error } from './ec2-error';
import { QueryParams } from './ec2-query';
import { filterMatcher, ownersMatcher } from './fpga-image-filters';
import { fpgaImageXml } from './fpga-image-xml';
import type { FakeFpgaImages } from './fpga-images';
import type { FakeResponse, SigningScope } from './http';
import { itemList, textElement, XML_DECLARATION } from './xml';

const EC2_NAMESPACE = 'http://ec2.amazonaws.com/doc/2016-11-15/';

export interface Ec2Request {
  readonly action: string;
  readonly params: Readonly<Record<string, string>>;
  readonly scope: SigningScope;
  /** Arrival time, from performance.now(). */
  readonly at: number;
}

type ActionHandler = (params: QueryParams, region: string) => string;

function tagsOf(params: QueryParams): Record<string, string> {
  const specifications = params.structList('TagSpecification').filter((spec) => spec.required('ResourceType') === 'fpga-image');
  const tags = specifications.flatMap((spec) => spec.structList('Tag'));
  return Object.fromEntries(tags.map((tag) => [tag.required('Key'), tag.required('Value')]));
}

/** The EC2 query API for FPGA images, with injectable throttling. */
export class FakeEc2 {
  readonly requests: Ec2Request[] = [];
  /** How long the server holds each EC2 request before answering. */
  latencyMs = 0;
  private throttlesLeft = 0;
  private readonly actions: Readonly<Record<string, ActionHandler>> = {
    CreateFpgaImage: (params, region) => this.createFpgaImage(params, region),
    DescribeFpgaImages: (params, region) => this.describeFpgaImages(params, region),
    DeleteFpgaImage: (params, region) => this.deleteFpgaImage(params, region),
    CopyFpgaImage: (params, region) => this.copyFpgaImage(params, region),
  };

  constructor(
    readonly images: FakeFpgaImages,
    private readonly pageSize: number,
  ) {}

  /** The next `count` requests fail with RequestLimitExceeded, as a busy EC2 does. */
  throttleNext(count: number): void {
    this.throttlesLeft = count;
  }

  requestsFor(action: string): Ec2Request[] {
    return this.requests.filter((request) => request.action === action);
  }

  handle(body: string, scope: SigningScope, at: number): FakeResponse {
    const params = QueryParams.parse(body);
    const action = params.optional('Action') ?? '';
    this.requests.push({ action, params: params.entries(), scope, at });
    try {
      if (this.throttlesLeft > 0) {
        this.throttlesLeft -= 1;
        throw new Ec2Error(503, 'RequestLimitExceeded', 'Request limit exceeded.');
      }
      const handler = this.actions[action];
      if (handler === undefined) throw new Ec2Error(400, 'InvalidAction', `The action ${action} is not valid for this web service.`);
      const content = textElement('requestId', randomUUID()) + handler(params, scope.region);
      return {
        status: 200,
        headers: { 'content-type': 'text/xml;charset=UTF-8' },
        body: `${XML_DECLARATION}<${action}Response xmlns="${EC2_NAMESPACE}">${content}</${action}Response>`,
      };
    } catch (error) {
      if (error instanceof Ec2Error) return error.toResponse();
      throw error;
    }
  }

  private createFpgaImage(params: QueryParams, region: string): string {
    const input = params.struct('InputStorageLocation');
    const logs = params.struct('LogsStorageLocation');
    const image = this.images.create(region, {
      input: { bucket: input.required('Bucket'), key: input.required('Key') },
      logs: logs.optional('Bucket') === undefined ? undefined : { bucket: logs.required('Bucket'), prefix: logs.optional('Key') ?? '' },
      name: params.optional('Name'),
      description: params.optional('Description'),
      tags: tagsOf(params),
      clientToken: params.optional('ClientToken'),
    });
    return textElement('fpgaImageId', image.afiId) + textElement('fpgaImageGlobalId', image.agfiId);
  }

  private describeFpgaImages(params: QueryParams, region: string): string {
    const ids = params.stringList('FpgaImageId');
    const matchers = [
      ownersMatcher(params.stringList('Owner')),
      ...params.structList('Filter').map((filter) => filterMatcher(filter.required('Name'), filter.stringList('Value'))),
    ];
    const now = Date.now();
    const candidates = ids.length > 0 ? ids.map((id) => this.images.get(region, id)) : this.images.inRegion(region);
    const matching = candidates.filter((image) => matchers.every((matches) => matches(image, this.images.stateOf(image, now))));
    const start = Number(params.optional('NextToken') ?? 0);
    const end = start + Number(params.optional('MaxResults') ?? this.pageSize);
    const page = matching.slice(start, end).map((image) => fpgaImageXml(image, this.images.stateOf(image, now)));
    return itemList('fpgaImageSet', page) + textElement('nextToken', end < matching.length ? String(end) : undefined);
  }

  private deleteFpgaImage(params: QueryParams, region: string): string {
    this.images.delete(region, params.required('FpgaImageId'));
    return textElement('return', true);
  }

  private copyFpgaImage(params: QueryParams, region: string): string {
    const image = this.images.copy(region, {
      sourceAfiId: params.required('SourceFpgaImageId'),
      sourceRegion: params.required('SourceRegion'),
      name: params.optional('Name'),
      description: params.optional('Description'),
      clientToken: params.optional('ClientToken'),
    });
    return textElement('fpgaImageId', image.afiId);
  }
}
