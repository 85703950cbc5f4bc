/**
 * MNIST and Fashion-MNIST, like torchvision's datasets: `new FashionMNIST(root, { train, transform,
 * targetTransform })`. The IDX files are read whole into `data` (uint8 [N, 28, 28]) and `targets`
 * (int64 [N]); a batch is one indexSelect of each, with batched transforms applied once per batch.
 */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { defaultCollate } from '../collate';
import { Dataset } from '../dataset';
import { DownloadError, downloadUrl, type ProgressOption } from '../download';
import { IdxFormatError, readIdx } from '../idx';
import { checkBool, checkIndex, checkOptions, describe } from '../util';
import type { Transform } from '../transforms';
import { int64, Tensor, TorchTypeError, uint8 } from '@torch/core';

/** Options of the MNIST-family datasets. */
export interface MNISTOptions {
  /** The training split (default true) or the test split. */
  train?: boolean;
  /**
   * Download missing files. Downloads are asynchronous, so the constructor cannot do them: with
   * `download: true` it only reads files already present; use `await FashionMNIST.create(root, { download: true })`.
   */
  download?: boolean;
  /** Applied to each image (uint8 [28, 28]); when `batched`, once per batch. */
  transform?: Transform;
  /** Applied to each label (a number). Batches with a target transform are built sample by sample. */
  targetTransform?: (target: number) => unknown;
  /** Base URLs tried in order by download (default: the data set's official locations). */
  mirrors?: readonly string[];
  /** Download progress (default: a bar when stderr is a terminal). */
  progress?: ProgressOption;
}

const OPTION_KEYS = ['train', 'download', 'transform', 'targetTransform', 'mirrors', 'progress'];

/**
 * A data set's files are not where it was asked to read them; the message says how to get them.
 * @example
 * try { new data.MNIST('/nowhere'); } catch (e) { e instanceof data.DatasetNotFoundError; } // true
 */
export class DatasetNotFoundError extends Error {
  override name = 'DatasetNotFoundError';
}

/** A file of the data set and the md5 of its official .gz. */
export interface Resource {
  file: string;
  md5: string;
}

/** Where a directory's files are looked for: `<root>/<folder>/raw` (torchvision's layout), then `<root>`. */
function candidates(root: string, folder: string, stem: string): string[] {
  return [join(root, folder, 'raw'), root].flatMap((d) => [join(d, `${stem}.gz`), join(d, stem)]);
}

/**
 * The MNIST handwritten digits (60000 training and 10000 test images of 28×28, labels 0-9).
 * @example
 * const train = new data.MNIST('./data', { transform: data.transforms.toTensor() });
 * const [image, label] = train.getItem(0);   // float32 [1, 28, 28], a number
 */
export class MNIST extends Dataset<[unknown, unknown]> {
  /** Folder under root in torchvision's layout. */
  static readonly folder: string = 'MNIST';
  static readonly mirrors: readonly string[] = ['https://ossci-datasets.s3.amazonaws.com/mnist/'];
  static readonly resources: readonly Resource[] = [
    { file: 'train-images-idx3-ubyte.gz', md5: 'f68b3c2dcbeaaa9fbdd348bbdeb94873' },
    { file: 'train-labels-idx1-ubyte.gz', md5: 'd53e105ee54ea40749a09fcbcd1e9432' },
    { file: 't10k-images-idx3-ubyte.gz', md5: '9fb629c4189551a2d022fa330f9573f3' },
    { file: 't10k-labels-idx1-ubyte.gz', md5: 'ec29112dd5afa0611ce80d1b7f02629c' },
  ];
  static readonly classes: readonly string[] = ['0 - zero', '1 - one', '2 - two', '3 - three', '4 - four', '5 - five', '6 - six', '7 - seven', '8 - eight', '9 - nine'];

  /** The directory used when no root is given: ~/.cache/torch-ts/datasets. @example MNIST.defaultRoot() */
  static defaultRoot(): string {
    return join(homedir(), '.cache', 'torch-ts', 'datasets');
  }

  readonly root: string;
  readonly train: boolean;
  /** Images, uint8 [N, 28, 28]. */
  readonly data: Tensor;
  /** Labels, int64 [N]. */
  readonly targets: Tensor;
  readonly transform: Transform | undefined;
  readonly targetTransform: ((target: number) => unknown) | undefined;
  private readonly labels: Int32Array;

  /**
   * Reads the split from `root` (default: {@link MNIST.defaultRoot}; FashionMNIST also looks in the Debian
   * package's directory). Throws an error that says how to get the files when they are missing.
   */
  constructor(root?: string, options?: MNISTOptions) {
    super();
    const ctor = this.constructor as typeof MNIST;
    const op = ctor.name;
    if (root !== undefined && (typeof root !== 'string' || root === '')) throw new TorchTypeError(`${op}: root must be a directory path, got ${describe(root)}`);
    checkOptions(op, options, OPTION_KEYS);
    this.root = root ?? ctor.defaultRoot();
    this.train = options?.train === undefined ? true : checkBool(op, 'train', options.train);
    if (options?.download !== undefined) checkBool(op, 'download', options.download);
    for (const key of ['transform', 'targetTransform'] as const)
      if (options?.[key] !== undefined && typeof options[key] !== 'function') throw new TorchTypeError(`${op}: ${key} must be a function, got ${describe(options[key])}`);
    this.transform = options?.transform;
    this.targetTransform = options?.targetTransform;
    const prefix = this.train ? 'train' : 't10k';
    const imagesPath = ctor.locate(this.root, `${prefix}-images-idx3-ubyte`, options?.download ?? false);
    const labelsPath = ctor.locate(this.root, `${prefix}-labels-idx1-ubyte`, options?.download ?? false);
    const images = readIdx(imagesPath), labels = readIdx(labelsPath);
    if (images.dtype !== uint8 || images.dim() !== 3) throw new IdxFormatError(`${op}: ${imagesPath} holds ${images.dtype} of size [${images.shape.join(', ')}], expected uint8 images [N, H, W]`);
    if (labels.dtype !== uint8 || labels.dim() !== 1) throw new IdxFormatError(`${op}: ${labelsPath} holds ${labels.dtype} of size [${labels.shape.join(', ')}], expected uint8 labels [N]`);
    if (labels.shape[0] !== images.shape[0]) throw new IdxFormatError(`${op}: ${imagesPath} has ${images.shape[0]} images but ${labelsPath} has ${labels.shape[0]} labels`);
    const raw = labels.toTypedArray() as Uint8Array;
    const bad = raw.findIndex((y) => y >= ctor.classes.length);
    if (bad >= 0) throw new IdxFormatError(`${op}: label ${bad} in ${labelsPath} is ${raw[bad]}, outside 0..${ctor.classes.length - 1}`);
    this.data = images;
    this.targets = labels.to(int64);
    this.labels = Int32Array.from(raw);
  }

  /**
   * Downloads the missing files of both splits into `<root>/<folder>/raw`, verifying their md5, then
   * reads the split. The async counterpart of torchvision's `download=True`.
   * @example
   * const test = await data.FashionMNIST.create('./data', { train: false, download: true });
   */
  static async create<T extends typeof MNIST>(this: T, root?: string, options?: MNISTOptions): Promise<InstanceType<T>> {
    checkOptions(this.name, options, OPTION_KEYS);
    if (options?.download) await this.download(root ?? this.defaultRoot(), { mirrors: options.mirrors, progress: options.progress });
    return new this(root, options) as InstanceType<T>;
  }

  /**
   * Fetches each file that is not already present (in either layout), trying the mirrors in order.
   * @example
   * await data.MNIST.download('./data');
   */
  static async download(root: string, options?: Pick<MNISTOptions, 'mirrors' | 'progress'>): Promise<void> {
    const op = `${this.name}.download`;
    checkOptions(op, options, ['mirrors', 'progress']);
    const mirrors = options?.mirrors ?? this.mirrors;
    for (const { file, md5 } of this.resources) {
      const stem = file.replace(/\.gz$/, '');
      if (candidates(root, this.folder, stem).some((p) => existsSync(p))) continue;
      const errors: string[] = [];
      for (const mirror of mirrors) {
        try {
          await downloadUrl(new URL(file, mirror.endsWith('/') ? mirror : `${mirror}/`).toString(), join(root, this.folder, 'raw', file), { md5, progress: options?.progress });
          errors.length = 0;
          break;
        } catch (e) {
          errors.push((e as Error).message);
        }
      }
      if (errors.length > 0) throw new DownloadError(`${op}: could not download ${file} from any mirror:\n  ${errors.join('\n  ')}`);
    }
  }

  /** The path of a file (gzip or not), or an error saying how to get the data. @internal */
  static locate(root: string, stem: string, downloadRequested: boolean): string {
    const found = candidates(root, this.folder, stem).find((p) => existsSync(p));
    if (found) return found;
    throw new DatasetNotFoundError(`${this.name}: ${stem}(.gz) not found in ${join(root, this.folder, 'raw')} or ${root}. ${this.howToGet(root, downloadRequested)}`);
  }

  /** The hint in the missing-data error. @internal */
  static howToGet(root: string, downloadRequested: boolean): string {
    const how = `download it with \`await ${this.name}.create(${JSON.stringify(root)}, { download: true })\``;
    return downloadRequested ? `Downloads are asynchronous and cannot run in a constructor: ${how}.` : `To get it, ${how}.`;
  }

  get length(): number {
    return this.labels.length;
  }

  /** `[image, label]`: the image (uint8 `[28, 28]`, or the transform's result) and the label (a number, or the targetTransform's result). @example ds.getItem(0) */
  getItem(index: number): [unknown, unknown] {
    const i = checkIndex(`${(this.constructor as typeof MNIST).name}.getItem`, index, this.length);
    const image = this.data.select(0, i);
    const label = this.labels[i]!;
    return [this.transform ? this.transform(image) : image, this.targetTransform ? this.targetTransform(label) : label];
  }

  /**
   * The collated batch [images, labels] of `indices`: one indexSelect for the images (then the transform
   * once, when it is batched) and one for the labels (int64). Equal to defaultCollate of the getItems.
   * @example ds.getBatch(torch.tensor([0, 1, 2]))   // [uint8 [3, 28, 28], int64 [3]]
   */
  getBatch(indices: Tensor): [unknown, unknown] {
    const images = this.data.indexSelect(0, indices);
    let x: unknown;
    if (!this.transform) x = images;
    else if (this.transform.batched) x = this.transform(images);
    else x = defaultCollate(images.unbind(0).map((im) => this.transform!(im)));
    if (!this.targetTransform) return [x, this.targets.indexSelect(0, indices)];
    const labels = Array.from(indices.toTypedArray() as BigInt64Array, (i) => this.targetTransform!(this.labels[Number(i)]!));
    return [x, defaultCollate(labels)];
  }
}

/**
 * Zalando's Fashion-MNIST (70000 grayscale 28×28 images of clothing in 10 classes), a drop-in replacement
 * for MNIST. Without a root it reads the Debian package `dataset-fashion-mnist`
 * (/usr/share/datasets/fashion-mnist) when it is installed.
 * @example
 * const train = new data.FashionMNIST(undefined, { train: true });
 * train.data.shape;   // [60000, 28, 28]
 */
export class FashionMNIST extends MNIST {
  static override readonly folder: string = 'FashionMNIST';
  /** The data set's own repository (HTTPS) first, then its original bucket (plain HTTP; the md5 check guards both). */
  static override readonly mirrors: readonly string[] = [
    'https://github.com/zalandoresearch/fashion-mnist/raw/master/data/fashion/',
    'http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/',
  ];
  static override readonly resources: readonly Resource[] = [
    { file: 'train-images-idx3-ubyte.gz', md5: '8d4fb7e6c68d591d4c3dfef9ec88bf0d' },
    { file: 'train-labels-idx1-ubyte.gz', md5: '25c81989df183df01b3e8a0aad5dffbe' },
    { file: 't10k-images-idx3-ubyte.gz', md5: 'bef4ecab320f06d8554ea6380940ec79' },
    { file: 't10k-labels-idx1-ubyte.gz', md5: 'bb300cfdad3c16e7a12a480ee83cd310' },
  ];
  static override readonly classes: readonly string[] = ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'];
  /** Where Debian's `dataset-fashion-mnist` installs the four .gz files. */
  static readonly debianDir = '/usr/share/datasets/fashion-mnist';

  /** The Debian package's directory when it holds the files, else ~/.cache/torch-ts/datasets. @example FashionMNIST.defaultRoot() */
  static override defaultRoot(): string {
    return existsSync(join(this.debianDir, 'train-images-idx3-ubyte.gz')) ? this.debianDir : super.defaultRoot();
  }

  static override howToGet(root: string, downloadRequested: boolean): string {
    return `${super.howToGet(root, downloadRequested)} On Debian, \`apt-get install dataset-fashion-mnist\` installs it in ${this.debianDir}, which is used when no directory is given.`;
  }
}

