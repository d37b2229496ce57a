/** One line for a fault result: the EPT / NPT / stage-2 entry, or the error and where the VMM sees it (the model's words). */
export { describeResult as resultText } from '../../model/text/result';
