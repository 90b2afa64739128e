/** An input that cannot be imported at all (a legacy .doc, a broken archive, a scanned PDF): one clear Chinese sentence. */
export class ImportError extends Error {
    override readonly name = 'ImportError';
}
