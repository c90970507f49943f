export * from './storage';
export * from './records';
export * from './database';
export * from './logger';
export * from './imaging';
export * from './mail';
