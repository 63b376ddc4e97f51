/**
 * trainlint's table of known Hub datasets, its audio and image part read in loading scripts: the datasets without a
 * namespace whose loading scripts lived in huggingface/datasets until 2.5.2 (c59cc34, `datasets/<name>/<name>.py` and
 * its `dataset_infos.json`), as `known-hub-loading-scripts.ts` reads the text ones, and under the same rules: every
 * config's features and split sizes from that `dataset_infos.json`, the split list complete (the script's split
 * generators), a type the data layer does not spell `unknown`. beans, scene_parse_150 and rvl_cdip came in session 18;
 * textvqa, speech_commands, fashion_mnist, librispeech_asr, mnist and sbu_captions in session 19 (2026-12-07; docs/corpus.md,
 * "Known Hub datasets, fifth extension"); beans and cifar100 as the Hub moved them (AI-Lab-Makerere/beans,
 * uoft-cs/cifar100) are `known-hub-moved.ts`. Counts in `uses.realScripts` are from the session-18 regression corpora.
 */
import type { KnownHubDataset } from './known-hub-lookup';
import { DATASETS, SCRIPT } from './known-hub-loading-scripts';

export const AUDIO_IMAGE_HUB_DATASETS: readonly KnownHubDataset[] = ([
  {
    id: 'beans',
    configs: {
      default: { columns: [{ name: 'image_file_path', type: 'string' }, { name: 'image', type: 'image' }, { name: 'labels', type: 'class_label[angular_leaf_spot, bean_rust, healthy]' }], splits: { train: 1034, validation: 133, test: 128 }, splitsComplete: SCRIPT },
    },
    evidence: [`the beans loading script and its dataset_infos.json in ${DATASETS} (datasets/beans/): 1 config; config default: image_file_path, image, labels; train 1034, validation 133, test 128`],
    uses: { realScripts: { calls: 14, repos: 2 } },
  },
  {
    id: 'scene_parse_150',
    configs: {
      scene_parsing: { columns: [{ name: 'image', type: 'image' }, { name: 'annotation', type: 'image' }, { name: 'scene_category', type: 'class_label[airport_terminal, art_gallery, badlands, ball_pit, bathroom, beach, bedroom, booth_indoor, … (1055)]' }], splits: { train: 20210, test: 3352, validation: 2000 }, splitsComplete: SCRIPT },
      instance_segmentation: { columns: [{ name: 'image', type: 'image' }, { name: 'annotation', type: 'image' }], splits: { train: 20210, test: 3352, validation: 2000 }, splitsComplete: SCRIPT },
    },
    defaultConfig: 'scene_parsing',
    evidence: [`the scene_parse_150 loading script and its dataset_infos.json in ${DATASETS} (datasets/scene_parse_150/): 2 configs; config scene_parsing: image, annotation, scene_category; train 20210, test 3352, validation 2000; config instance_segmentation: image, annotation; train 20210, test 3352, validation 2000`],
    uses: { realScripts: { calls: 12, repos: 4 } },
  },
  {
    id: 'rvl_cdip',
    configs: {
      default: { columns: [{ name: 'image', type: 'image' }, { name: 'label', type: 'class_label[letter, form, email, handwritten, advertisement, scientific report, scientific publication, specification, … (16)]' }], splits: { train: 320000, test: 40000, validation: 40000 }, splitsComplete: SCRIPT },
    },
    evidence: [`the rvl_cdip loading script and its dataset_infos.json in ${DATASETS} (datasets/rvl_cdip/): 1 config; config default: image, label; train 320000, test 40000, validation 40000`],
    uses: { realScripts: { calls: 1, repos: 1 } },
  },
  {
    id: 'textvqa',
    configs: {
      textvqa: { columns: [{ name: 'image_id', type: 'string' }, { name: 'question_id', type: 'int32' }, { name: 'question', type: 'string' }, { name: 'question_tokens', type: 'list<string>' }, { name: 'image', type: 'image' }, { name: 'image_width', type: 'int32' }, { name: 'image_height', type: 'int32' }, { name: 'flickr_original_url', type: 'string' }, { name: 'flickr_300k_url', type: 'string' }, { name: 'answers', type: 'list<string>' }, { name: 'image_classes', type: 'list<string>' }, { name: 'set_name', type: 'string' }], splits: { train: 34602, validation: 5000, test: 5734 }, splitsComplete: SCRIPT },
    },
    otherConfigs: true,
    // The script sets DEFAULT_CONFIG_NAME = "textvqa" (session 27): a load without a config name is this config.
    defaultConfig: 'textvqa',
    evidence: [`the textvqa loading script and its dataset_infos.json in ${DATASETS} (datasets/textvqa/): 4 configs, DEFAULT_CONFIG_NAME textvqa (read 2026-12-08); config textvqa: image_id, question_id, question, question_tokens, image, image_width, image_height, flickr_original_url, flickr_300k_url, answers, image_classes, set_name; train 34602, validation 5000, test 5734`],
    uses: { realScripts: { calls: 3, repos: 1 } },
  },
  {
    id: 'speech_commands',
    configs: {
      'v0.01': { columns: [{ name: 'file', type: 'string' }, { name: 'audio', type: 'audio' }, { name: 'label', type: 'class_label[yes, no, up, down, left, right, on, off, … (31)]' }, { name: 'is_unknown', type: 'bool' }, { name: 'speaker_id', type: 'string' }, { name: 'utterance_id', type: 'int8' }], splits: { train: 51093, validation: 6799, test: 3081 }, splitsComplete: SCRIPT },
      'v0.02': { columns: [{ name: 'file', type: 'string' }, { name: 'audio', type: 'audio' }, { name: 'label', type: 'class_label[yes, no, up, down, left, right, on, off, … (36)]' }, { name: 'is_unknown', type: 'bool' }, { name: 'speaker_id', type: 'string' }, { name: 'utterance_id', type: 'int8' }], splits: { train: 84848, validation: 9982, test: 4890 }, splitsComplete: SCRIPT },
    },
    evidence: [`the speech_commands loading script and its dataset_infos.json in ${DATASETS} (datasets/speech_commands/): 2 configs; config v0.01: file, audio, label, is_unknown, speaker_id, utterance_id; train 51093, validation 6799, test 3081; config v0.02: file, audio, label, is_unknown, speaker_id, utterance_id; train 84848, validation 9982, test 4890`],
    uses: { realScripts: { calls: 2, repos: 2 } },
  },
  {
    id: 'fashion_mnist',
    configs: {
      fashion_mnist: { columns: [{ name: 'image', type: 'image' }, { name: 'label', type: 'class_label[T - shirt / top, Trouser, Pullover, Dress, Coat, Sandal, Shirt, Sneaker, … (10)]' }], splits: { train: 60000, test: 10000 }, splitsComplete: SCRIPT },
    },
    evidence: [`the fashion_mnist loading script and its dataset_infos.json in ${DATASETS} (datasets/fashion_mnist/): 1 config; config fashion_mnist: image, label; train 60000, test 10000`],
    uses: { realScripts: { calls: 1, repos: 1 } },
  },
  {
    id: 'librispeech_asr',
    configs: {
      clean: { columns: [{ name: 'file', type: 'string' }, { name: 'audio', type: 'audio' }, { name: 'text', type: 'string' }, { name: 'speaker_id', type: 'int64' }, { name: 'chapter_id', type: 'int64' }, { name: 'id', type: 'string' }], splits: { 'train.100': 28539, 'train.360': 104014, validation: 2703, test: 2620 }, splitsComplete: SCRIPT },
      other: { columns: [{ name: 'file', type: 'string' }, { name: 'audio', type: 'audio' }, { name: 'text', type: 'string' }, { name: 'speaker_id', type: 'int64' }, { name: 'chapter_id', type: 'int64' }, { name: 'id', type: 'string' }], splits: { 'train.500': 148688, validation: 2864, test: 2939 }, splitsComplete: SCRIPT },
      all: { columns: [{ name: 'file', type: 'string' }, { name: 'audio', type: 'audio' }, { name: 'text', type: 'string' }, { name: 'speaker_id', type: 'int64' }, { name: 'chapter_id', type: 'int64' }, { name: 'id', type: 'string' }], splits: { 'train.clean.100': 28539, 'train.clean.360': 104014, 'train.other.500': 148688, 'validation.clean': 2703, 'validation.other': 2864, 'test.clean': 2620, 'test.other': 2939 }, splitsComplete: SCRIPT },
    },
    defaultConfig: 'all',
    evidence: [`the librispeech_asr loading script and its dataset_infos.json in ${DATASETS} (datasets/librispeech_asr/): 3 configs; config clean: file, audio, text, speaker_id, chapter_id, id; train.100 28539, train.360 104014, validation 2703, test 2620; config other: file, audio, text, speaker_id, chapter_id, id; train.500 148688, validation 2864, test 2939; config all: file, audio, text, speaker_id, chapter_id, id; train.clean.100 28539, train.clean.360 104014, train.other.500 148688, validation.clean 2703, validation.other 2864, test.clean 2620, test.other 2939`],
    uses: { realScripts: { calls: 1, repos: 1 } },
  },
  {
    id: 'mnist',
    configs: {
      mnist: { columns: [{ name: 'image', type: 'image' }, { name: 'label', type: 'class_label[0, 1, 2, 3, 4, 5, 6, 7, … (10)]' }], splits: { train: 60000, test: 10000 }, splitsComplete: SCRIPT },
    },
    evidence: [`the mnist loading script and its dataset_infos.json in ${DATASETS} (datasets/mnist/): 1 config; config mnist: image, label; train 60000, test 10000`],
    uses: { realScripts: { calls: 1, repos: 1 } },
  },
  {
    id: 'sbu_captions',
    configs: {
      default: { columns: [{ name: 'image_url', type: 'string' }, { name: 'user_id', type: 'string' }, { name: 'caption', type: 'string' }], splits: { train: 1000000 }, splitsComplete: SCRIPT },
    },
    evidence: [`the sbu_captions loading script and its dataset_infos.json in ${DATASETS} (datasets/sbu_captions/): 1 config; config default: image_url, user_id, caption; train 1000000`],
    uses: { realScripts: { calls: 1, repos: 1 } },
  },
] as KnownHubDataset[]).map((d) => ({ ...d, checked: '2026-12-07' }));
