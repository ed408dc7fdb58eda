import { createRequire } from 'node:module';

/**
 * pdf-lib, loaded from its single-file build. The package's own entry is about 200 CommonJS
 * modules, and resolving and compiling them took ~100 ms of a 2-core machine's CPU in every
 * PDF export (while Chromium was printing on the other core); the one minified file takes ~20 ms.
 * It is the same release, so the types are the package's. Everything that touches a PDF goes
 * through this module: pdf-lib checks objects with `instanceof`, so a document loaded with one
 * copy cannot be read with another's classes.
 */
const lib = createRequire(import.meta.url)('pdf-lib/dist/pdf-lib.min.js') as typeof import('pdf-lib');

// Each class is exported as a value and, under the same name, as its instance type.
export const ParseSpeeds = lib.ParseSpeeds;
export const PDFArray = lib.PDFArray;
export const PDFDict = lib.PDFDict;
export const PDFDocument = lib.PDFDocument;
export const PDFHeader = lib.PDFHeader;
export const PDFHexString = lib.PDFHexString;
export const PDFName = lib.PDFName;
export const PDFNull = lib.PDFNull;
export const PDFNumber = lib.PDFNumber;
export const PDFRawStream = lib.PDFRawStream;
export const PDFRef = lib.PDFRef;
export type PDFArray = import('pdf-lib').PDFArray;
export type PDFDict = import('pdf-lib').PDFDict;
export type PDFDocument = import('pdf-lib').PDFDocument;
export type PDFHeader = import('pdf-lib').PDFHeader;
export type PDFHexString = import('pdf-lib').PDFHexString;
export type PDFName = import('pdf-lib').PDFName;
export type PDFNumber = import('pdf-lib').PDFNumber;
export type PDFRawStream = import('pdf-lib').PDFRawStream;
export type PDFRef = import('pdf-lib').PDFRef;
export type { PDFObject } from 'pdf-lib';
