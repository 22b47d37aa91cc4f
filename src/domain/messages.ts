// Validation messages shared by several schemas, in Vietnamese like every message a person sees.

/** A stored value outside its list: only a corrupted draft or a bad request can cause it. */
export const CHOOSE_FROM_LIST = 'Chọn một giá trị trong danh sách';
